import type { Db } from 'mongodb';
import type { Actor } from '@cqrs/framework-core';
import type { Call } from '@cqrs/framework-core/testing';
import { eventually, testCaller, uniqueName } from '@cqrs/framework-core/testing';
import type { RebuildDocument, RebuildResource } from '@cqrs/framework-change-handling';
import { rebuildsCollection } from '@cqrs/framework-change-handling';
import type { PipelineWriter } from '@cqrs/framework-command-handling/testing';
import type { OrderCommand, OrderDocument, OrderStats } from '@cqrs/orders-shared';
import {
  applyOrderChange,
  fromOrderDocument,
  orderStatsCollection,
  ordersCollection,
} from '@cqrs/orders-shared';

const shopper: Actor = { sub: 'shopper-7', roles: ['customer'] };
const system: Actor = { sub: 'orders-evh', roles: ['service'] };

/** The actors of the rebuild routes' tests. */
export const rebuildActors = {
  operator: { sub: 'ops-ada', roles: ['operator'] },
  shopper,
} satisfies Record<string, Actor>;

export type RebuildCall = Call<keyof typeof rebuildActors>;

/** Calls a chgh replica as an operator unless told otherwise. */
export const rebuildCaller = (url: () => string): RebuildCall =>
  testCaller(url, rebuildActors, 'operator');

export const rebuildsPath = '/orders/read-models/order-stats/rebuilds';

/**
 * Writes the orders of a test: each `life` places an order and takes it one of four ways
 * (left placed, paid, paid and shipped, cancelled), so every bucket and `recentlyClosed` fill.
 */
export function orderTraffic(orders: PipelineWriter<OrderCommand>, customers: readonly string[]) {
  let n = 0;
  const written: string[] = [];
  return {
    written,
    async life(): Promise<string> {
      const orderId = uniqueName('order');
      const customerId = customers[n % customers.length] as string;
      const path = n % 4;
      n += 1;
      written.push(orderId);
      await orders.write(
        {
          type: 'PlaceOrder',
          orderId,
          customerId,
          lines: [{ sku: 'BOOK-1', quantity: 1 + (n % 3), unitPrice: 500 + n }],
          currency: n % 5 === 0 ? 'USD' : 'EUR',
          customerStanding: 'active',
        },
        shopper,
      );
      if (path === 1 || path === 2) {
        await orders.write(
          { type: 'RecordPaymentSucceeded', orderId, reference: `pay-${n}` },
          system,
        );
      }
      if (path === 2) await orders.write({ type: 'ShipOrder', orderId }, system);
      if (path === 3) await orders.write({ type: 'CancelOrder', orderId, reason: 'test' }, shopper);
      return orderId;
    },
  };
}

/**
 * Stats compared by content: `recentlyClosed` as a set (its order is the order changes were
 * applied in: commit order live, `_id` order in a scan) and without `updatedAt` (the time of
 * the last change applied, which depends on that order too).
 */
export const comparable = (stats: OrderStats) => ({
  _id: stats._id,
  byStatus: stats.byStatus,
  openOrders: stats.openOrders,
  recentlyClosed: [...stats.recentlyClosed].sort((a, b) => a.orderId.localeCompare(b.orderId)),
});

/** What `order_stats` holds, comparable, by customer id. */
export const storedStats = async (db: Db) =>
  (await db.collection<OrderStats>(orderStatsCollection).find().sort({ _id: 1 }).toArray()).map(
    comparable,
  );

/** The stats a fresh projection of every order now in the write model gives. */
export async function freshStats(db: Db) {
  const byCustomer = new Map<string, OrderStats>();
  const all = db.collection<OrderDocument>(ordersCollection).find().sort({ _id: 1 });
  for await (const document of all) {
    const order = fromOrderDocument(document);
    byCustomer.set(
      order.customerId,
      applyOrderChange(byCustomer.get(order.customerId), order, document.version),
    );
  }
  return [...byCustomer.values()].sort((a, b) => a._id.localeCompare(b._id)).map(comparable);
}

/** The stored rebuild with this id (with its scan position, which the API does not show). */
export const storedRebuild = (db: Db, id: string) =>
  db.collection<RebuildDocument>(rebuildsCollection).findOne({ _id: id });

/** Polls the rebuild through the API until `until` holds for it. */
export const rebuildReaching = (
  call: RebuildCall,
  id: string,
  until: (rebuild: RebuildResource) => boolean,
  what: string,
) =>
  eventually(async () => {
    const reply = await call('GET', `${rebuildsPath}/${id}`);
    const rebuild = reply.body as RebuildResource;
    return reply.status === 200 && until(rebuild) ? rebuild : undefined;
  }, `the rebuild ${what}`);

/** Whether `db` has a collection of this name. */
export const hasCollection = async (db: Db, name: string) =>
  (await db.listCollections({ name }, { nameOnly: true }).toArray()).length > 0;
