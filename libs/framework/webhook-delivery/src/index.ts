export {
  createdSubscriptionSchema,
  deliveryDetailSchema,
  deliveryResourceSchema,
  subscriptionResourceSchema,
  type DeliveryResource,
  type SubscriptionResource,
} from './api/subscription-schemas';
export {
  webhookSubscriptionRoutes,
  type WebhookSubscriptionRoutes,
} from './api/subscription-routes';
export { subscriptionHandlers } from './api/subscription-handlers';
export {
  deadDeliveryHandlers,
  type DeadDeliveryHandlerOptions,
} from './api/dead-delivery-handlers';
export { deadDeliveryRoutes, type DeadDeliveryRoutes } from './api/dead-delivery-routes';
export {
  deadDeliveryGroupsSchema,
  deadDeliveryPageSchema,
  deliveryReplayFilterSchema,
  failureReasonSchema,
  listDeadDeliveriesQuerySchema,
  type DeliveryReplayFilter,
} from './api/dead-delivery-schemas';
export {
  failureReasons,
  type DeliveryDocument,
  type DeliveryStatus,
  type FailureReason,
} from './deliveries/delivery';
export {
  deadDeliveryIndexes,
  deadDeliveryQuery,
  type DeadDeliveryFilter,
} from './deliveries/dead-delivery-query';
export {
  deliveryReplayJob,
  deliveryReplayOutcomes,
  type DeliveryReplayOutcome,
} from './deliveries/delivery-replay-job';
export { deadDeliveryMetrics, type DeadDeliveryMetrics } from './dispatcher/dead-delivery-metrics';
export {
  createDeliveryStore,
  deliveriesCollection,
  type DeliveryStore,
} from './deliveries/delivery-store';
export { defaultSchedule, nextDelay, parseSchedule } from './deliveries/retry-schedule';
export { deliveryConfigShape, type DeliveryConfig } from './delivery-config';
export { startWebhookDeliveryApp, type WebhookDeliveryAppSpec } from './delivery-app';
export { createDispatcher, type Dispatcher } from './dispatcher/dispatcher';
export { createWebhookSender, type WebhookSender } from './dispatcher/send-webhook';
export {
  blockedKindOf,
  parseNetworkList,
  type BlockedAddressKind,
  type NetworkList,
} from './ssrf/address-policy';
export { checkTarget, type TargetCheck, type TargetPolicy } from './ssrf/target-guard';
export type { SubscriptionDocument } from './subscriptions/subscription';
export {
  createSubscriptionStore,
  subscriptionsCollection,
  type SubscriptionStore,
} from './subscriptions/subscription-store';
