import { z } from 'zod';

/**
 * Where an order is in its life (DESIGN section 2):
 * `placed -> paid | payment_failed | cancelled | on_hold`, `paid -> shipped | on_hold`,
 * `on_hold -> placed | paid` (back to the status it was held from).
 * `shipped`, `cancelled` and `payment_failed` are final.
 */
export const orderStatusSchema = z
  .enum(['placed', 'paid', 'payment_failed', 'cancelled', 'on_hold', 'shipped'])
  .describe('Lifecycle status of the order');

export type OrderStatus = z.infer<typeof orderStatusSchema>;

/** Every status, in lifecycle order. */
export const orderStatuses: readonly OrderStatus[] = orderStatusSchema.options;

/** The statuses an order can be held from, and so returns to when released. */
export const heldFromSchema = z
  .enum(['placed', 'paid'])
  .describe('The status the order was in when it was put on hold');

export type HeldFrom = z.infer<typeof heldFromSchema>;

/**
 * Open orders: those a customer block puts on hold. Held orders are not open in this sense
 * (a second block leaves them alone); a release looks for `on_hold` ones.
 */
export const openOrderStatuses: readonly OrderStatus[] = heldFromSchema.options;

/** Statuses no command leaves: the order is closed for good. */
export const finalOrderStatuses: readonly OrderStatus[] = [
  'shipped',
  'cancelled',
  'payment_failed',
];

/** Whether `status` is final (shipped, cancelled or payment_failed). */
export const isFinalOrderStatus = (status: OrderStatus): boolean =>
  finalOrderStatuses.includes(status);

/** The `reason` of a cancellation by the unpaid-order job rather than a person. */
export const paymentTimeoutReason = 'payment_timeout';

/**
 * The role an actor needs for the commands other services and jobs issue (payment results,
 * holds and releases, unpaid cancellation, customer standings).
 */
export const serviceRole = 'service';
