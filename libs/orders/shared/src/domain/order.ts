import { z } from 'zod';
import { heldFromSchema, orderStatusSchema } from './order-status';
import {
  currencySchema,
  customerIdSchema,
  minorUnitsSchema,
  orderIdSchema,
  paymentReferenceSchema,
  quantitySchema,
  reasonSchema,
  skuSchema,
} from './fields';

/** One line of an order: a SKU, how many, and the price of one in minor units. */
export const orderLineSchema = z.object({
  sku: skuSchema,
  quantity: quantitySchema,
  unitPrice: minorUnitsSchema.describe('Price of one unit in minor units of the currency'),
});

export type OrderLine = z.infer<typeof orderLineSchema>;

/** The lines of an order: 1 to 100. */
export const orderLinesSchema = z.array(orderLineSchema).min(1).max(100);

/** What the payment provider reported so far; `null` until it did. */
export const orderPaymentSchema = z.object({
  reference: paymentReferenceSchema.nullable(),
  failureReason: reasonSchema.nullable(),
});

/**
 * The state of the `Order` aggregate. Absent values are `null`, never `undefined`, so the state
 * survives a round trip through MongoDB and JSON unchanged.
 */
export const orderSchema = z.object({
  id: orderIdSchema,
  customerId: customerIdSchema,
  lines: orderLinesSchema,
  currency: currencySchema,
  /** Sum of quantity x unitPrice over the lines, computed by the domain, never by the client. */
  total: minorUnitsSchema,
  status: orderStatusSchema,
  /** The status a release returns to; `null` unless `status` is `on_hold`. */
  heldFrom: heldFromSchema.nullable(),
  /** Why the order is on hold; `null` unless `status` is `on_hold`. */
  holdReason: reasonSchema.nullable(),
  /** Why it was cancelled (`payment_timeout` for the unpaid-order job); `null` otherwise. */
  cancelReason: reasonSchema.nullable(),
  payment: orderPaymentSchema,
  placedAt: z.date(),
  /** When the last event changed the order. */
  updatedAt: z.date(),
});

export type Order = z.infer<typeof orderSchema>;
