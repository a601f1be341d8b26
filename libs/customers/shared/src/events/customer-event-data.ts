import { z } from 'zod';
import {
  customerIdSchema,
  customerNameSchema,
  emailSchema,
  isoTimeSchema,
  kycReferenceSchema,
  orderIdSchema,
  phoneSchema,
  reasonSchema,
} from '../domain/fields';

// Every event names its customer and when it happened, so `evolve` needs nothing but the event
// and a consumer needs nothing but the CloudEvent's `data`. Not strict: a consumer on an older
// schema ignores fields added later (additive changes keep the `.v1`).
const eventData = <S extends z.ZodRawShape>(shape: S) =>
  z.object({ customerId: customerIdSchema, occurredAt: isoTimeSchema, ...shape });

/** `customer.registered.v1`: a customer signed up and waits for KYC. */
export const customerRegisteredDataSchema = eventData({
  name: customerNameSchema,
  email: emailSchema,
  phone: phoneSchema.nullable(),
});

/** `customer.contact_details_updated.v1`: only the fields that changed; `phone: null` = removed. */
export const contactDetailsUpdatedDataSchema = eventData({
  name: customerNameSchema.optional(),
  email: emailSchema.optional(),
  phone: phoneSchema.nullable().optional(),
});

/** `customer.kyc_approved.v1`: the customer is active. */
export const kycApprovedDataSchema = eventData({ reference: kycReferenceSchema.nullable() });

/** `customer.kyc_rejected.v1`: the customer is rejected; `reason` is `kyc_expired` on timeout. */
export const kycRejectedDataSchema = eventData({ reason: reasonSchema });

/** `customer.blocked.v1`: the customer may not place orders until unblocked. */
export const customerBlockedDataSchema = eventData({ reason: reasonSchema });

/** `customer.unblocked.v1`: the customer is active again. */
export const customerUnblockedDataSchema = eventData({});

/** `customer.closed.v1`: the relationship ended; final. */
export const customerClosedDataSchema = eventData({});

/** `customer.order_opened.v1`: the customer has one more open order. */
export const orderOpenedDataSchema = eventData({ orderId: orderIdSchema });

/** `customer.order_closed.v1`: one open order of the customer was closed. */
export const orderClosedDataSchema = eventData({ orderId: orderIdSchema });
