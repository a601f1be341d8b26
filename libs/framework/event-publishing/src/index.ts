export { createEventPublisher, type EventPublisherOptions } from './event-publisher';
export { rewindConsumerGroup, type RewoundPartition } from './rewind-group';
export { toCloudEvent } from './to-cloud-event';
export {
  publishingConfigShape,
  startEventPublishingApp,
  type PublishingAppSpec,
  type PublishingConfig,
} from './publishing-app';
