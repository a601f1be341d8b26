import { z } from 'zod';
import {
  currencySchema,
  customerIdSchema,
  isoTimeSchema,
  minorUnitsSchema,
  orderIdSchema,
  paymentReferenceSchema,
  reasonSchema,
} from '../domain/fields';
import { orderLinesSchema } from '../domain/order';
import { heldFromSchema } from '../domain/order-status';

// Every event names its order, the order's customer and when it happened, so `evolve` needs
// nothing but the event and a consumer (customers-evh keys its bookkeeping by customer) needs
// nothing but the CloudEvent's `data`. Not strict: a consumer on an older schema ignores fields
// added later (additive changes keep the `.v1`).
const eventData = <S extends z.ZodRawShape>(shape: S) =>
  z.object({
    orderId: orderIdSchema,
    customerId: customerIdSchema,
    occurredAt: isoTimeSchema,
    ...shape,
  });

/** `order.placed.v1`: an active customer placed an order; it waits for payment. */
export const orderPlacedDataSchema = eventData({
  lines: orderLinesSchema,
  currency: currencySchema,
  total: minorUnitsSchema.describe('Sum of quantity x unitPrice, in minor units'),
});

/**
 * `order.paid.v1`: the payment succeeded. Usually the order is `paid` now; an order on hold from
 * `placed` stays on hold and is released to `paid`.
 */
export const orderPaidDataSchema = eventData({ reference: paymentReferenceSchema });

/** `order.payment_failed.v1`: the payment failed; the order is closed. */
export const orderPaymentFailedDataSchema = eventData({ reason: reasonSchema });

/** `order.put_on_hold.v1`: the order is on hold; `heldFrom` is where a release returns to. */
export const orderPutOnHoldDataSchema = eventData({
  reason: reasonSchema,
  heldFrom: heldFromSchema,
});

/** `order.released.v1`: the hold was lifted; the order is back in `releasedTo`. */
export const orderReleasedDataSchema = eventData({
  releasedTo: heldFromSchema.describe('The status the order returned to'),
});

/** `order.shipped.v1`: the paid order was shipped; the order is closed. */
export const orderShippedDataSchema = eventData({});

/** `order.cancelled.v1`: the order was cancelled (`payment_timeout` by the unpaid-order job). */
export const orderCancelledDataSchema = eventData({ reason: reasonSchema });
