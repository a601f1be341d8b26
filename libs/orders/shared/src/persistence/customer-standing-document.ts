import type { StoredDocument } from '@cqrs/framework-command-handling';
import { documentMapping } from '@cqrs/framework-command-handling';
import type { CustomerStanding } from '../domain/customer-standing';
import { customerStandingSchema } from '../domain/customer-standing';

/**
 * A standing as stored in `customer_standings`: the state with `_id` = customer id, plus the
 * write model's bookkeeping. `orders-cmdh` reads `standing` by `_id` before `PlaceOrder`.
 */
export type CustomerStandingDocument = StoredDocument<CustomerStanding, 'customerId'>;

/** Builds the document for a standing, and reads one back validated like `fromOrderDocument`. */
export const {
  toDocument: toCustomerStandingDocument,
  fromDocument: fromCustomerStandingDocument,
} = documentMapping(customerStandingSchema, 'customerId');
