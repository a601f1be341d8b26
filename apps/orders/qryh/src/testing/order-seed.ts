import type { Db } from 'mongodb';
import type { StoredEvent } from '@cqrs/framework-command-handling';
import { recordProcessed } from '@cqrs/framework-command-handling';
import { createAuditTrail } from '@cqrs/framework-change-handling';
import { createLogger } from '@cqrs/framework-core';
import type { Order, OrderDocument, OrderEvent, OrderStats } from '@cqrs/orders-shared';
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
 * Writes orders the way orders-cmdh does (state evolved from events, plus the bookkeeping of
 * every write) and their audit trail the way orders-chgh does, so the app reads exactly what
 * production holds.
 */
export function orderSeeder(db: Db) {
  const orders = db.collection<OrderDocument>(ordersCollection);
  const stats = db.collection<OrderStats>(orderStatsCollection);
  const trail = createAuditTrail({
    db,
    collection: orderHistoryCollection,
    logger: createLogger({ name: 'seed', level: 'silent' }),
  });

  /** Applies `events` one write at a time; stores the last version and every version's entry. */
  async function seed(events: readonly OrderEvent[]): Promise<OrderDocument> {
    let state: Order | undefined;
    const versions: OrderDocument[] = [];
    for (const [index, event] of events.entries()) {
      const version = index + 1;
      const next = evolveOrder(state, event);
      const { type, ...data } = event;
      const commandId = `cmd-${event.orderId}-${version}`;
      const lastEvent: StoredEvent = {
        id: `${event.orderId}:${version}`,
        type,
        aggregateId: event.orderId,
        version,
        time: new Date(event.occurredAt),
        data,
        actor: seedActor,
        commandId,
        correlationId: `corr-${event.orderId}-${version}`,
      };
      const processedCommands = recordProcessed(versions.at(-1)?.processedCommands ?? [], {
        commandId,
        fingerprint: `fp-${commandId}`,
        version,
        status: version === 1 ? 201 : 200,
        body: toOrderResource(next, version),
      });
      versions.push(toOrderDocument(next, { version, lastEvent, processedCommands }));
      state = next;
    }
    const latest = versions.at(-1);
    if (!latest) throw new Error('an order needs at least one event');
    await orders.insertOne(latest);
    await trail.record(versions);
    return latest;
  }

  /** Stores an `order_stats` document for `customerId` as orders-chgh would. */
  async function seedStats(customerId: string, byStatus: Partial<OrderStats['byStatus']>) {
    const document: OrderStats = {
      _id: customerId,
      byStatus: { ...emptyOrderStatusBuckets(), ...byStatus },
      openOrders: {},
      recentlyClosed: [],
      updatedAt: t0,
    };
    await stats.insertOne(document);
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
