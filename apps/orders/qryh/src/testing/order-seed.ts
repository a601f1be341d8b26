import type { Db } from 'mongodb';
import { historySeeder } from '@cqrs/framework-query-handling/testing';
import type { OrderEvent, OrderStats } from '@cqrs/orders-shared';
import {
  emptyOrderStatusBuckets,
  evolveOrder,
  orderHistoryCollection,
  orderStatsCollection,
  ordersCollection,
  toOrderDocument,
  toOrderResource,
} from '@cqrs/orders-shared';

export const t0 = new Date('2025-03-01T09:00:00.000Z');

/** `minutes` after `t0`, as events carry it. */
export const at = (minutes: number): string =>
  new Date(t0.getTime() + minutes * 60_000).toISOString();

/** Who issued every seeded command (shows up in the history). */
export const seedActor = { sub: 'shopper-7', roles: ['customer'] };

/**
 * Seeds orders and their history as orders-cmdh and orders-chgh write them, and order stats as
 * orders-chgh keeps them.
 */
export function orderSeeder(db: Db) {
  const seed = historySeeder(
    db,
    {
      collection: ordersCollection,
      history: orderHistoryCollection,
      evolve: evolveOrder,
      toDocument: toOrderDocument,
      toResource: toOrderResource,
      aggregateIdOf: (event: OrderEvent) => event.orderId,
    },
    seedActor,
  );

  /** Stores an `order_stats` document for `customerId` as orders-chgh would. */
  async function seedStats(customerId: string, byStatus: Partial<OrderStats['byStatus']>) {
    const document: OrderStats = {
      _id: customerId,
      byStatus: { ...emptyOrderStatusBuckets(), ...byStatus },
      openOrders: {},
      recentlyClosed: [],
      updatedAt: t0,
    };
    await db.collection<OrderStats>(orderStatsCollection).insertOne(document);
    return document;
  }

  return { seed, seedStats };
}

/** `order.placed.v1` of `orderId` for `customerId` at minute `minute` (2 x 12.50 EUR). */
export const placed = (orderId: string, customerId: string, minute = 0): OrderEvent => ({
  type: 'order.placed.v1',
  orderId,
  customerId,
  occurredAt: at(minute),
  lines: [{ sku: 'BOOK-1', quantity: 2, unitPrice: 1250 }],
  currency: 'EUR',
  total: 2500,
});

export const paid = (orderId: string, customerId: string, minute = 1): OrderEvent => ({
  type: 'order.paid.v1',
  orderId,
  customerId,
  occurredAt: at(minute),
  reference: `pay-${orderId}`,
});

export const shipped = (orderId: string, customerId: string, minute = 2): OrderEvent => ({
  type: 'order.shipped.v1',
  orderId,
  customerId,
  occurredAt: at(minute),
});
