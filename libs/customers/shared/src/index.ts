// Domain
export { customerSchema, kycSchema, type Customer, type Kyc } from './domain/customer';
export {
  customerStatusSchema,
  customerStatuses,
  kycExpiredReason,
  kycStatusSchema,
  riskRole,
  type CustomerStatus,
  type KycStatus,
} from './domain/customer-status';
export {
  customerIdSchema,
  customerNameSchema,
  emailSchema,
  isoTimeSchema,
  kycReferenceSchema,
  orderIdSchema,
  phoneSchema,
  reasonSchema,
} from './domain/fields';

// Commands
export * from './commands/customer-commands';

// Events
export * from './events/customer-event-data';
export {
  customerEventSchema,
  customerEventTypes,
  customersEventsTopic,
  parseCustomerEvent,
  type CustomerEvent,
  type CustomerEventOf,
  type CustomerEventType,
} from './events/customer-events';
export { eventCatalog, type CustomerEventCatalogEntry } from './events/event-catalog';

// Aggregate
export { customerAggregate } from './aggregate/customer-aggregate';
export { decideCustomer } from './aggregate/decide';
export { evolveCustomer } from './aggregate/evolve';
export {
  customerRejectionReasons,
  type CustomerRejectionReason,
} from './aggregate/rejection-reasons';

// Persistence
export {
  customerEmailIndexName,
  customerHistoryCollection,
  customerIndexes,
  customersCollection,
} from './persistence/collections';
export {
  fromDocument,
  toDocument,
  type CustomerDocument,
  type CustomerDocumentMeta,
} from './persistence/customer-document';
export {
  customerHistoryEntrySchema,
  jsonPatchOperationSchema,
  type CustomerHistoryEntry,
  type JsonPatchOperation,
} from './persistence/customer-history-entry';
export {
  customerSnapshotSchema,
  toCustomerSnapshot,
  type CustomerSnapshot,
} from './persistence/customer-snapshot';

// API
export * from './api/customer-history';
export * from './api/customer-resource';
export * from './api/event-admin';
export * from './api/http-inputs';
export * from './api/kyc-webhook';
export * from './api/list-customers';
export { cursorSchema, limitSchema, pageSchema } from './api/page';
export * from './api/request-bodies';

// Routes
export * from './routes/cmdh-internal-routes';
export * from './routes/cmdh-routes';
export { customersParkedEventsRoutes, customersRoutes } from './routes/customers-routes';
export * from './routes/evp-routes';
export * from './routes/extevh-routes';
export * from './routes/qryh-routes';
export { customersService } from './service';

// Consumed events of other services (their published language, as customers reads it)
export {
  consumedOrderEvents,
  ordersEventsTopic,
  type OrderCountEffect,
} from './consumed/order-events';
export { customersWebhookRoutes } from './routes/extevp-routes';
