export { createEventPublisher, type EventPublisherOptions } from './event-publisher';
export { rewindConsumerGroup, type RewoundPartition } from './rewind-group';
export { toCloudEvent } from './to-cloud-event';
