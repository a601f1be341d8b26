import { z } from 'zod';
import { domainEventSchema as event, storedEventParser } from '@cqrs/framework-command-handling';
import {
  contactDetailsUpdatedDataSchema,
  customerBlockedDataSchema,
  customerClosedDataSchema,
  customerRegisteredDataSchema,
  customerUnblockedDataSchema,
  kycApprovedDataSchema,
  kycRejectedDataSchema,
  orderClosedDataSchema,
  orderOpenedDataSchema,
} from './customer-event-data';

/** The public event types of the customers service (`customer.<what>.v<n>`). */
export const customerEventTypes = {
  registered: 'customer.registered.v1',
  contactDetailsUpdated: 'customer.contact_details_updated.v1',
  kycApproved: 'customer.kyc_approved.v1',
  kycRejected: 'customer.kyc_rejected.v1',
  blocked: 'customer.blocked.v1',
  unblocked: 'customer.unblocked.v1',
  closed: 'customer.closed.v1',
  orderOpened: 'customer.order_opened.v1',
  orderClosed: 'customer.order_closed.v1',
} as const;

export type CustomerEventType = (typeof customerEventTypes)[keyof typeof customerEventTypes];

/** The Kafka topic the customers service publishes its events on, keyed by customer id. */
export const customersEventsTopic = 'customers.events.v1';

/** Every event of the `Customer` aggregate, keyed by `type`. */
export const customerEventSchema = z.discriminatedUnion('type', [
  event(customerEventTypes.registered, customerRegisteredDataSchema),
  event(customerEventTypes.contactDetailsUpdated, contactDetailsUpdatedDataSchema),
  event(customerEventTypes.kycApproved, kycApprovedDataSchema),
  event(customerEventTypes.kycRejected, kycRejectedDataSchema),
  event(customerEventTypes.blocked, customerBlockedDataSchema),
  event(customerEventTypes.unblocked, customerUnblockedDataSchema),
  event(customerEventTypes.closed, customerClosedDataSchema),
  event(customerEventTypes.orderOpened, orderOpenedDataSchema),
  event(customerEventTypes.orderClosed, orderClosedDataSchema),
]);

export type CustomerEvent = z.infer<typeof customerEventSchema>;

/** The event of one type, e.g. `CustomerEventOf<'customer.blocked.v1'>`. */
export type CustomerEventOf<T extends CustomerEventType> = Extract<CustomerEvent, { type: T }>;

/**
 * Rebuilds and validates a domain event from a stored or published one (`type` + `data`), e.g.
 * a document's `lastEvent` or a CloudEvent. Throws a `ZodError` for anything not in the catalog.
 */
export const parseCustomerEvent = storedEventParser(customerEventSchema);
