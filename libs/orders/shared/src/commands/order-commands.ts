import { z } from 'zod';
import { standingSchema } from '../domain/customer-standing';
import {
  currencySchema,
  customerIdSchema,
  orderIdSchema,
  paymentReferenceSchema,
  reasonSchema,
} from '../domain/fields';
import { orderLinesSchema } from '../domain/order';

/** Builds a command schema: its literal `type`, the target order and its own fields. */
const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), orderId: orderIdSchema, ...shape });

/**
 * Creates an order in `placed`; the total is computed by the domain.
 *
 * `customerStanding` keeps `decide` pure: before deciding, `orders-cmdh` reads the customer's
 * `CustomerStanding` (its own copy, fed by customer events) and puts the standing here, `null`
 * when it has never heard of the customer. It never comes from the client.
 */
export const placeOrderSchema = command('PlaceOrder', {
  customerId: customerIdSchema,
  lines: orderLinesSchema,
  currency: currencySchema,
  customerStanding: standingSchema.nullable(),
});

/** A person cancels an order that is not paid yet (placed, or on hold from placed). */
export const cancelOrderSchema = command('CancelOrder', { reason: reasonSchema });

/** Ships a paid order. */
export const shipOrderSchema = command('ShipOrder', {});

/** The payment provider took the money (service only). */
export const recordPaymentSucceededSchema = command('RecordPaymentSucceeded', {
  reference: paymentReferenceSchema,
});

/** The payment provider gave up on the payment (service only). */
export const recordPaymentFailedSchema = command('RecordPaymentFailed', { reason: reasonSchema });

/** Puts a placed or paid order on hold, e.g. because its customer was blocked (service only). */
export const holdOrderSchema = command('HoldOrder', { reason: reasonSchema });

/** Releases a held order to the status it was held from (service only). */
export const releaseOrderSchema = command('ReleaseOrder', {});

/** The unpaid-order job cancels an order left unpaid too long, reason `payment_timeout`. */
export const cancelUnpaidOrderSchema = command('CancelUnpaidOrder', {});

/** Every command the `Order` aggregate decides on, keyed by `type`. */
export const orderCommandSchema = z.discriminatedUnion('type', [
  placeOrderSchema,
  cancelOrderSchema,
  shipOrderSchema,
  recordPaymentSucceededSchema,
  recordPaymentFailedSchema,
  holdOrderSchema,
  releaseOrderSchema,
  cancelUnpaidOrderSchema,
]);

export type OrderCommand = z.infer<typeof orderCommandSchema>;
export type OrderCommandType = OrderCommand['type'];
export type PlaceOrder = z.infer<typeof placeOrderSchema>;
export type CancelOrder = z.infer<typeof cancelOrderSchema>;
export type ShipOrder = z.infer<typeof shipOrderSchema>;
export type RecordPaymentSucceeded = z.infer<typeof recordPaymentSucceededSchema>;
export type RecordPaymentFailed = z.infer<typeof recordPaymentFailedSchema>;
export type HoldOrder = z.infer<typeof holdOrderSchema>;
export type ReleaseOrder = z.infer<typeof releaseOrderSchema>;
export type CancelUnpaidOrder = z.infer<typeof cancelUnpaidOrderSchema>;

/** Every command type, for tables and metrics. */
export const orderCommandTypes: readonly OrderCommandType[] = orderCommandSchema.options.map(
  (option) => option.shape.type.value,
);
