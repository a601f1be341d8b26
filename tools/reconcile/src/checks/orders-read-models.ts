import fastJsonPatch from 'fast-json-patch';
import type { OrderStatus, OrderStatusBuckets } from '@cqrs/orders-shared';
import { emptyOrderStatusBuckets } from '@cqrs/orders-shared';
import type { Drift } from '../report';

/** What the stats check needs of an order document. */
export interface OrderFacts {
  readonly _id: string;
  readonly customerId: string;
  readonly status: OrderStatus;
  readonly currency: string;
  readonly total: number;
}

/** What it needs of a stored `order_stats` document. */
export interface StoredOrderStats {
  readonly _id: string;
  readonly byStatus: OrderStatusBuckets;
}

/** Every customer's buckets recomputed from the orders as they are now. */
export function recomputeOrderStats(
  orders: readonly OrderFacts[],
): Map<string, OrderStatusBuckets> {
  const stats = new Map<string, OrderStatusBuckets>();
  for (const order of orders) {
    const buckets = stats.get(order.customerId) ?? emptyOrderStatusBuckets();
    const bucket = buckets[order.status];
    buckets[order.status] = {
      count: bucket.count + 1,
      totals: {
        ...bucket.totals,
        [order.currency]: (bucket.totals[order.currency] ?? 0) + order.total,
      },
    };
    stats.set(order.customerId, buckets);
  }
  // A currency summing to 0 is left out of a bucket, as `applyOrderChange` does.
  for (const buckets of stats.values()) {
    for (const bucket of Object.values(buckets)) {
      for (const [currency, total] of Object.entries(bucket.totals)) {
        if (total === 0) delete bucket.totals[currency];
      }
    }
  }
  return stats;
}

/**
 * Read model versus write model: each customer's `order_stats` buckets (count and totals per
 * status) equal the ones recomputed from the customer's orders; a customer with orders and no
 * stats, or stats without orders, is drift.
 */
export function checkOrderStats(
  orders: readonly OrderFacts[],
  stored: readonly StoredOrderStats[],
): Drift[] {
  const expected = recomputeOrderStats(orders);
  const drifts: Drift[] = [];
  const drift = (id: string, detail: string) =>
    drifts.push({ service: 'orders', check: 'order-stats', id, detail });
  for (const stats of stored) {
    const want = expected.get(stats._id);
    expected.delete(stats._id);
    if (want === undefined) {
      drift(stats._id, 'order stats of a customer with no order');
      continue;
    }
    const difference = fastJsonPatch.compare(want, stats.byStatus);
    if (difference.length > 0) {
      const where = difference
        .map((op) => op.path)
        .slice(0, 5)
        .join(', ');
      drift(stats._id, `stored order stats differ from the orders at ${where}`);
    }
  }
  for (const customerId of expected.keys()) drift(customerId, 'orders but no order stats');
  return drifts;
}
