import type { VersionedDocument } from '@cqrs/framework-command-handling';
import type { CustomerStanding } from '../domain/customer-standing';
import { customerStandingSchema } from '../domain/customer-standing';

/**
 * A standing as stored in `customer_standings`: the state with `_id` = customer id, plus the
 * write model's bookkeeping. `orders-cmdh` reads `standing` by `_id` before `PlaceOrder`.
 */
export type CustomerStandingDocument = Omit<CustomerStanding, 'customerId'> & VersionedDocument;

/** Builds the document to insert or replace for `state` at the version in `meta`. */
export function toCustomerStandingDocument(
  state: CustomerStanding,
  meta: Omit<VersionedDocument, '_id'>,
): CustomerStandingDocument {
  const { customerId, ...fields } = state;
  return {
    _id: customerId,
    ...fields,
    version: meta.version,
    lastEvent: meta.lastEvent,
    processedCommands: meta.processedCommands,
  };
}

/** The state held in a stored document, validated like `fromOrderDocument`. */
export function fromCustomerStandingDocument(document: CustomerStandingDocument): CustomerStanding {
  return customerStandingSchema.parse({ ...document, customerId: document._id });
}
