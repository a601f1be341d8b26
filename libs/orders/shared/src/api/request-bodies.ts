import { z } from 'zod';
import { standingSchema } from '../domain/customer-standing';
import {
  currencySchema,
  customerIdSchema,
  customerVersionSchema,
  minorUnitsSchema,
  paymentReferenceSchema,
  quantitySchema,
  reasonSchema,
  skuSchema,
} from '../domain/fields';

// Request bodies are strict: an unknown field is a 400, so a typo is never silently dropped.

/** One line of `POST /orders`. */
export const orderLineBodySchema = z.strictObject({
  sku: skuSchema,
  quantity: quantitySchema,
  unitPrice: minorUnitsSchema.describe('Price of one unit in minor units of the currency'),
});

/**
 * `POST /orders`: 1-100 lines. No total (the domain computes it) and no standing (cmdh looks it
 * up); either is an unknown field.
 */
export const placeOrderBodySchema = z.strictObject({
  customerId: customerIdSchema,
  lines: z.array(orderLineBodySchema).min(1).max(100),
  currency: currencySchema,
});

/** `POST /orders/{id}/cancel`. */
export const cancelOrderBodySchema = z.strictObject({ reason: reasonSchema });

/** `POST /internal/customer-standings/{customerId}`: the standing a customer event implies. */
export const recordCustomerStandingBodySchema = z.strictObject({
  standing: standingSchema,
  customerVersion: customerVersionSchema,
});

/** `POST /internal/customers/{customerId}/orders/hold`. */
export const holdCustomerOrdersBodySchema = z.strictObject({ reason: reasonSchema });

/** `POST /internal/orders/{id}/payment-succeeded`. */
export const paymentSucceededBodySchema = z.strictObject({ reference: paymentReferenceSchema });

/** `POST /internal/orders/{id}/payment-failed`. */
export const paymentFailedBodySchema = z.strictObject({ reason: reasonSchema });

export type PlaceOrderBody = z.infer<typeof placeOrderBodySchema>;
export type CancelOrderBody = z.infer<typeof cancelOrderBodySchema>;
export type RecordCustomerStandingBody = z.infer<typeof recordCustomerStandingBodySchema>;
export type HoldCustomerOrdersBody = z.infer<typeof holdCustomerOrdersBodySchema>;
export type PaymentSucceededBody = z.infer<typeof paymentSucceededBodySchema>;
export type PaymentFailedBody = z.infer<typeof paymentFailedBodySchema>;
