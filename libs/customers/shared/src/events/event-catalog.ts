import type { EventCatalogEntry } from '@cqrs/framework-event-publishing';
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
import type { CustomerEventType } from './customer-events';
import { customerEventTypes } from './customer-events';

/**
 * The public event contract of the customers service, one entry per type. `evp` serves it with
 * each `dataSchema` as JSON Schema (`z.toJSONSchema`).
 */
export const eventCatalog: readonly EventCatalogEntry<CustomerEventType>[] = [
  {
    type: customerEventTypes.registered,
    description: 'A customer registered and waits for the KYC check.',
    dataSchema: customerRegisteredDataSchema,
  },
  {
    type: customerEventTypes.contactDetailsUpdated,
    description: 'Contact details changed; only the changed fields are present.',
    dataSchema: contactDetailsUpdatedDataSchema,
  },
  {
    type: customerEventTypes.kycApproved,
    description: 'The KYC check passed; the customer is active.',
    dataSchema: kycApprovedDataSchema,
  },
  {
    type: customerEventTypes.kycRejected,
    description: 'The KYC check failed or expired (reason kyc_expired); the customer is rejected.',
    dataSchema: kycRejectedDataSchema,
  },
  {
    type: customerEventTypes.blocked,
    description: 'The customer was blocked by risk and may not place orders.',
    dataSchema: customerBlockedDataSchema,
  },
  {
    type: customerEventTypes.unblocked,
    description: 'The block was lifted; the customer is active again.',
    dataSchema: customerUnblockedDataSchema,
  },
  {
    type: customerEventTypes.closed,
    description: 'The customer relationship ended; no further lifecycle changes.',
    dataSchema: customerClosedDataSchema,
  },
  {
    type: customerEventTypes.orderOpened,
    description: 'An order of the customer was opened (as reported by the orders service).',
    dataSchema: orderOpenedDataSchema,
  },
  {
    type: customerEventTypes.orderClosed,
    description: 'An open order of the customer was closed (as reported by the orders service).',
    dataSchema: orderClosedDataSchema,
  },
];

/** One published event type: what it means and the schema of its CloudEvent `data`. */
export type CustomerEventCatalogEntry = EventCatalogEntry<CustomerEventType>;
