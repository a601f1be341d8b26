import { z } from 'zod';
import { customerIdSchema, minorUnitsSchema, orderIdSchema } from '../domain/fields';
import type { OrderStatus } from '../domain/order-status';
import { orderStatusSchema, orderStatuses } from '../domain/order-status';

/** A currency code as a map key (already upper-cased by the order's schema). */
const currencyKeySchema = z.string().regex(/^[A-Z]{3}$/);

/** The orders of one status: how many, and the sum of their totals per currency. */
export const orderStatusBucketSchema = z.object({
  count: z.number().int().nonnegative(),
  /** Minor units per ISO 4217 code, e.g. `{ EUR: 1500 }`; a currency summing to 0 is left out. */
  totals: z.record(currencyKeySchema, minorUnitsSchema),
});

export type OrderStatusBucket = z.infer<typeof orderStatusBucketSchema>;

/** One bucket per status, every status present (spelled out so OpenAPI lists each one). */
export const orderStatusBucketsSchema = z.object({
  placed: orderStatusBucketSchema,
  paid: orderStatusBucketSchema,
  payment_failed: orderStatusBucketSchema,
  cancelled: orderStatusBucketSchema,
  on_hold: orderStatusBucketSchema,
  shipped: orderStatusBucketSchema,
} satisfies Record<OrderStatus, typeof orderStatusBucketSchema>);

export type OrderStatusBuckets = z.infer<typeof orderStatusBucketsSchema>;

/** What the stats remember of an order that is not closed yet: enough to move it later. */
export const trackedOrderSchema = z.object({
  status: orderStatusSchema,
  version: z.number().int().positive(),
  currency: currencyKeySchema,
  total: minorUnitsSchema,
});

/**
 * How many closed orders a stats document remembers (newest last). Re-delivery is harmless as
 * long as no more orders of one customer close between `orders-chgh`'s last checkpoint and a
 * re-delivered change; the chgh checkpoints after every batch, so this must be at least its
 * batch size (`BATCH_SIZE`).
 */
export const orderStatsClosedLimit = 500;

/**
 * The `order_stats` read model, one document per customer (`_id` = customer id), kept by
 * `orders-chgh` from the `orders` change stream with `applyOrderChange` and served by
 * `orders-qryh`.
 *
 * Idempotency: the document itself records which order versions it holds. `openOrders` maps
 * every order not yet closed to its last applied version and bucket (so a change knows where to
 * move the order from, with no pre-image); `recentlyClosed` remembers the last
 * `orderStatsClosedLimit` orders that reached a final status (they never change again). A
 * change at or below the recorded version, or for a remembered closed order, is ignored, so a
 * batch replayed after a crash or a lease hand-over changes nothing. Both stay bounded: open
 * orders are few per customer, closed ones are capped.
 */
export const orderStatsSchema = z.object({
  _id: customerIdSchema,
  byStatus: orderStatusBucketsSchema,
  openOrders: z.record(orderIdSchema, trackedOrderSchema),
  recentlyClosed: z
    .array(z.object({ orderId: orderIdSchema, version: z.number().int().positive() }))
    .max(orderStatsClosedLimit),
  /** `updatedAt` of the last order change applied. */
  updatedAt: z.date(),
});

export type OrderStats = z.infer<typeof orderStatsSchema>;

/** One empty bucket per status. */
export const emptyOrderStatusBuckets = (): Record<OrderStatus, OrderStatusBucket> =>
  Object.fromEntries(orderStatuses.map((status) => [status, { count: 0, totals: {} }])) as Record<
    OrderStatus,
    OrderStatusBucket
  >;
