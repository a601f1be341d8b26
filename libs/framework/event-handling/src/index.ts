export {
  parkedEventGroupsQuerySchema,
  parkedEventGroupsSchema,
  parkedEventPageSchema,
  parkedEventParamsSchema,
  parkedEventsRoutes,
  listParkedEventsQuerySchema,
  type ParkedEventsRoutes,
} from './api/parked-events-routes';
export {
  parkReasonCodeSchema,
  parkReasonSchema,
  parkedEventResourceSchema,
  parkedStatusSchema,
  toParkedEventResource,
  type ParkedEventResource,
} from './api/parked-event-resource';
export { parkedEventsHandlers, type ParkedEventsServices } from './api/parked-events-handlers';
export {
  createEventHandler,
  type EventHandler,
  type EventHandlerOptions,
} from './consumer/event-handler';
export {
  eventHandlerMetrics,
  parkedEventsGauge,
  type EventHandlerMetrics,
  type EventOutcome,
} from './consumer/event-handler-metrics';
export {
  parkReasonCodes,
  rawMessageOf,
  undecodableId,
  type ParkReason,
  type ParkReasonCode,
  type ParkedEvent,
  type ParkedStatus,
  type RawMessage,
} from './parking/parked-event';
export {
  createParkedEventStore,
  defaultParkedEventsCollection,
  parkedEventIndexes,
  parkedEventQuery,
  type DiscardResult,
  type ListParkedEvents,
  type ParkedEventFilter,
  type ParkRequest,
  type ParkedEventStore,
} from './parking/parked-event-store';
export {
  parkedReplayFilterSchema,
  parkedReplayJob,
  parkedReplayOutcomes,
  type ParkedReplayFilter,
  type ParkedReplayOutcome,
} from './replay/parked-replay-job';
export { defaultRetryPolicy, retryDelay, type RetryPolicy } from './retry/retry-policy';
export {
  evhIdNamespace,
  idempotencyKeyFor,
  invalidCommandCalls,
  type EventCommand,
} from './routing/command-call';
export { eventRoute, type EventRoute, type EventRoutes } from './routing/event-routes';
export { startEventHandlingApp, type EventHandlingAppSpec } from './event-handling-app';
export { consumerGroupOf, evhConfigShape, retryPolicyOf, type EvhConfig } from './evh-config';
