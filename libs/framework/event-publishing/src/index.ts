export { createEventPublisher, type EventPublisherOptions } from './event-publisher';
export {
  catalogResponse,
  catalogResponseSchemaFor,
  type EventCatalogEntry,
  type EventCatalogResponse,
} from './event-catalog';
export { publishingRoutes, type PublishingRoutes } from './publishing-routes';
export {
  eventSnapshotFilterSchema,
  eventSnapshotJob,
  eventSnapshotOutcomes,
  type EventSnapshotFilter,
  type EventSnapshotOutcome,
} from './event-snapshot';
export {
  replayEventsBodySchema,
  replayEventsResultSchema,
  type ReplayEventsBody,
  type ReplayEventsResult,
} from './replay-schemas';
export { rewindConsumerGroup, type RewoundPartition } from './rewind-group';
export { lastEventPipeline, type LastEventChange } from './last-event-pipeline';
export { toCloudEvent } from './to-cloud-event';
export {
  publishingConfigShape,
  startEventPublishingApp,
  type PublishingAppSpec,
  type PublishingConfig,
} from './publishing-app';
