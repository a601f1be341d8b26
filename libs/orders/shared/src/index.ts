// Domain
export {
  customerStandingSchema,
  standingSchema,
  standings,
  type CustomerStanding,
  type Standing,
} from './domain/customer-standing';
export {
  currencySchema,
  customerIdSchema,
  customerVersionSchema,
  isoTimeSchema,
  minorUnitsSchema,
  orderIdSchema,
  paymentReferenceSchema,
  quantitySchema,
  reasonSchema,
  skuSchema,
} from './domain/fields';
export {
  orderLineSchema,
  orderLinesSchema,
  orderPaymentSchema,
  orderSchema,
  type Order,
  type OrderLine,
} from './domain/order';
export {
  finalOrderStatuses,
  heldFromSchema,
  isFinalOrderStatus,
  openOrderStatuses,
  orderStatusSchema,
  orderStatuses,
  paymentTimeoutReason,
  serviceRole,
  type HeldFrom,
  type OrderStatus,
} from './domain/order-status';
export { orderTotal } from './domain/order-total';

// Commands
export * from './commands/customer-standing-commands';
export * from './commands/order-commands';

// Events
export * from './events/customer-standing-events';
export { eventCatalog, type OrderEventCatalogEntry } from './events/event-catalog';
export * from './events/order-event-data';
export {
  orderEventSchema,
  orderEventTypes,
  ordersEventsTopic,
  parseOrderEvent,
  type OrderEvent,
  type OrderEventOf,
  type OrderEventType,
} from './events/order-events';

// Consumed customer events (orders' view of the customers published language)
export {
  consumedCustomerEventDataSchemas,
  consumedCustomerEventTypes,
  customersEventsTopic,
  isConsumedCustomerEventType,
  parseConsumedCustomerEvent,
  type ConsumedCustomerEvent,
  type ConsumedCustomerEventType,
} from './consumed/customer-events';
export {
  customerBlockedHoldReason,
  customerOrdersActionAfter,
  standingAfter,
  type CustomerOrdersAction,
} from './consumed/standing-after';

// Aggregates
export { customerStandingAggregate } from './aggregate/customer-standing-aggregate';
export { decideOrder } from './aggregate/decide';
export { decideCustomerStanding } from './aggregate/decide-customer-standing';
export { evolveOrder } from './aggregate/evolve';
export { evolveCustomerStanding } from './aggregate/evolve-customer-standing';
export { orderAggregate } from './aggregate/order-aggregate';
export {
  customerStandingRejectionReasons,
  orderRejectionReasons,
  type CustomerStandingRejectionReason,
  type OrderRejectionReason,
} from './aggregate/rejection-reasons';

// Persistence
export { applyOrderChange } from './persistence/apply-order-change';
export {
  customerStandingsCollection,
  orderHistoryCollection,
  orderIndexes,
  orderStatsCollection,
  orderStatsReadModel,
  ordersCollection,
} from './persistence/collections';
export {
  fromCustomerStandingDocument,
  toCustomerStandingDocument,
  type CustomerStandingDocument,
} from './persistence/customer-standing-document';
export {
  fromOrderDocument,
  toOrderDocument,
  type OrderDocument,
  type OrderDocumentMeta,
} from './persistence/order-document';
export {
  jsonPatchOperationSchema,
  orderHistoryEntrySchema,
  type JsonPatchOperation,
  type OrderHistoryEntry,
} from './persistence/order-history-entry';
export {
  orderSnapshotSchema,
  toOrderSnapshot,
  type OrderSnapshot,
} from './persistence/order-snapshot';
export {
  emptyOrderStatusBuckets,
  orderStatsClosedLimit,
  orderStatsSchema,
  orderStatusBucketSchema,
  orderStatusBucketsSchema,
  trackedOrderSchema,
  type OrderStats,
  type OrderStatusBucket,
  type OrderStatusBuckets,
} from './persistence/order-stats';

// API
export * from './api/customer-orders-changed';
export * from './api/customer-standing-resource';
export * from './api/event-admin';
export * from './api/http-inputs';
export * from './api/list-orders';
export * from './api/order-history';
export * from './api/order-resource';
export * from './api/order-stats-resource';
export * from './api/payment-webhook';
export { cursorSchema, limitSchema, pageSchema } from './api/page';
export * from './api/request-bodies';

// Routes
export { ordersReadModelRoutes } from './routes/chgh-routes';
export * from './routes/cmdh-internal-routes';
export * from './routes/cmdh-routes';
export * from './routes/evp-routes';
export * from './routes/extevh-routes';
export { ordersParkedEventsRoutes, ordersRoutes } from './routes/orders-routes';
export * from './routes/qryh-routes';
export { ordersService } from './service';
export { ordersWebhookRoutes } from './routes/extevp-routes';
