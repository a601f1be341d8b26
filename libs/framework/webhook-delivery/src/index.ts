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
export type { DeliveryDocument, DeliveryStatus, FailureReason } from './deliveries/delivery';
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
