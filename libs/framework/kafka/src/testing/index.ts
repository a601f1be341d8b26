export { eventWriter, type EventWriter } from './event-writer';
export { collect, testKafka, type Received } from './kafka-test-env';
export { testCloudEvent } from './test-cloud-event';
