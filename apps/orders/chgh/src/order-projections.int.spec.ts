import fastJsonPatch from 'fast-json-patch';
import type { Actor } from '@cqrs/framework-core';
import { uniqueName, waitUntil } from '@cqrs/framework-core/testing';
import type { CheckpointDocument } from '@cqrs/framework-mongo';
import type {
  OrderDocument,
  OrderHistoryEntry,
  OrderStats,
  OrderStatus,
  OrderStatusBucket,
  PlaceOrder,
} from '@cqrs/orders-shared';
import {
  fromOrderDocument,
  orderHistoryCollection,
  orderStatsCollection,
  orderStatuses,
  ordersCollection,
  toOrderSnapshot,
} from '@cqrs/orders-shared';
import type { WriteMeta } from '@cqrs/framework-command-handling/testing';
import { chghFixture } from './testing/chgh-fixture';
import { orderWrites } from './testing/order-writes';

const shopper: Actor = { sub: 'shopper-7', roles: ['customer'] };
const paymentService: Actor = { sub: 'orders-extevh', roles: ['service'] };
const ordersService: Actor = { sub: 'orders-evh', roles: ['service'] };
const warehouse: Actor = { sub: 'warehouse-1', roles: ['fulfilment'] };

const start = new Date('2026-02-02T10:00:00.000Z');
/** The time of write n (see `orderWrites`), as the trail stores it and as patches carry it. */
const iso = (n: number) => new Date(start.getTime() + n * 60_000).toISOString();

const place = (orderId: string, customerId: string, unitPrice: number): PlaceOrder => ({
  type: 'PlaceOrder',
  orderId,
  customerId,
  lines: [{ sku: 'BOOK-1', quantity: 2, unitPrice }],
  currency: 'EUR',
  customerStanding: 'active',
});

/** Every status bucket, empty unless given. */
const buckets = (given: Partial<Record<OrderStatus, OrderStatusBucket>>) =>
  Object.fromEntries(
    orderStatuses.map((status) => [status, given[status] ?? { count: 0, totals: {} }]),
  );

/** Patches compared as sets: the operations touch disjoint paths, so their order is free. */
const byPath = (patch: OrderHistoryEntry['patch']) =>
  [...patch].sort((a, b) => a.path.localeCompare(b.path));

describe('orders-chgh', () => {
  let fixture: Awaited<ReturnType<typeof chghFixture>>;
  let orders: ReturnType<typeof orderWrites>;

  beforeEach(async () => {
    fixture = await chghFixture();
    orders = orderWrites(fixture.db, start);
  });
  afterEach(async () => {
    await fixture.close();
  });

  /** Until the customer's stats hold the write made at `meta.time`. */
  const statsReached = (customerId: string, meta: WriteMeta) =>
    waitUntil(
      async () => (await fixture.statsOf(customerId))?.updatedAt.getTime() === meta.time.getTime(),
      `the stats of ${customerId} hold the write at ${meta.time.toISOString()}`,
    );

  describe('when an order is placed, paid, held, released and shipped', () => {
    it('records versions 1 to 5 in order_history with who, which command, and the patch', async () => {
      // Arrange
      await fixture.startReplica();
      await waitUntil(fixture.streamOpen, 'the change stream is open');
      const orderId = uniqueName('order');
      const customerId = uniqueName('cust');

      // Act
      const metas = [
        await orders.write(place(orderId, customerId, 1250), shopper),
        await orders.write(
          { type: 'RecordPaymentSucceeded', orderId, reference: 'pay-42' },
          paymentService,
        ),
        await orders.write(
          { type: 'HoldOrder', orderId, reason: 'customer_blocked' },
          ordersService,
        ),
        await orders.write({ type: 'ReleaseOrder', orderId }, ordersService),
        await orders.write({ type: 'ShipOrder', orderId }, warehouse),
      ];
      await waitUntil(
        async () => (await fixture.historyOf(orderId)).length === 5,
        'five versions are recorded',
      );

      // Assert
      const history = await fixture.historyOf(orderId);
      expect(
        history.map((entry) => [
          entry._id,
          entry.version,
          entry.eventType,
          entry.actor,
          entry.commandId,
          entry.correlationId,
          entry.time,
        ]),
      ).toEqual(
        [
          'order.placed.v1',
          'order.paid.v1',
          'order.put_on_hold.v1',
          'order.released.v1',
          'order.shipped.v1',
        ].map((eventType, i) => [
          `${orderId}:${i + 1}`,
          i + 1,
          eventType,
          metas[i]!.actor,
          metas[i]!.commandId,
          metas[i]!.correlationId,
          metas[i]!.time,
        ]),
      );
      expect(history[0]!.patch.every((op) => op.op === 'add')).toBe(true);
      expect(history.slice(1).map((entry) => byPath(entry.patch))).toEqual([
        [
          { op: 'replace', path: '/payment/reference', value: 'pay-42' },
          { op: 'replace', path: '/status', value: 'paid' },
          { op: 'replace', path: '/updatedAt', value: iso(1) },
        ],
        [
          { op: 'replace', path: '/heldFrom', value: 'paid' },
          { op: 'replace', path: '/holdReason', value: 'customer_blocked' },
          { op: 'replace', path: '/status', value: 'on_hold' },
          { op: 'replace', path: '/updatedAt', value: iso(2) },
        ],
        [
          { op: 'replace', path: '/heldFrom', value: null },
          { op: 'replace', path: '/holdReason', value: null },
          { op: 'replace', path: '/status', value: 'paid' },
          { op: 'replace', path: '/updatedAt', value: iso(3) },
        ],
        [
          { op: 'replace', path: '/status', value: 'shipped' },
          { op: 'replace', path: '/updatedAt', value: iso(4) },
        ],
      ]);
      // The patches rebuild every state, ending at the stored order.
      let rebuilt: Record<string, unknown> = {};
      for (const entry of history) {
        rebuilt = fastJsonPatch.applyPatch(rebuilt, entry.patch, true, false).newDocument;
        expect(rebuilt).toEqual(entry.state);
      }
      const stored = await fixture.db
        .collection<OrderDocument>(ordersCollection)
        .findOne({ _id: orderId });
      expect(rebuilt).toEqual(toOrderSnapshot(fromOrderDocument(stored!)));
    });

    it('moves the order through the order_stats buckets, next to another open order', async () => {
      // Arrange: another order of the same customer stays placed throughout
      await fixture.startReplica();
      await waitUntil(fixture.streamOpen, 'the change stream is open');
      const customerId = uniqueName('cust');
      const other = uniqueName('order');
      const orderId = uniqueName('order');
      const step = async (meta: Promise<WriteMeta>) => {
        await statsReached(customerId, await meta);
        return (await fixture.statsOf(customerId))!.byStatus;
      };
      const otherPlaced = { count: 1, totals: { EUR: 1000 } };
      const one = { count: 1, totals: { EUR: 2500 } };

      // Act & Assert, step by step
      expect(await step(orders.write(place(other, customerId, 500), shopper))).toEqual(
        buckets({ placed: otherPlaced }),
      );
      expect(await step(orders.write(place(orderId, customerId, 1250), shopper))).toEqual(
        buckets({ placed: { count: 2, totals: { EUR: 3500 } } }),
      );
      expect(
        await step(
          orders.write(
            { type: 'RecordPaymentSucceeded', orderId, reference: 'pay-1' },
            paymentService,
          ),
        ),
      ).toEqual(buckets({ placed: otherPlaced, paid: one }));
      expect(
        await step(
          orders.write({ type: 'HoldOrder', orderId, reason: 'customer_blocked' }, ordersService),
        ),
      ).toEqual(buckets({ placed: otherPlaced, on_hold: one }));
      expect(await step(orders.write({ type: 'ReleaseOrder', orderId }, ordersService))).toEqual(
        buckets({ placed: otherPlaced, paid: one }),
      );
      expect(await step(orders.write({ type: 'ShipOrder', orderId }, warehouse))).toEqual(
        buckets({ placed: otherPlaced, shipped: one }),
      );
      const stats = (await fixture.statsOf(customerId))!;
      expect(Object.keys(stats.openOrders)).toEqual([other]);
      expect(stats.recentlyClosed).toEqual([{ orderId, version: 5 }]);
    });
  });

  describe('when restarted', () => {
    it('continues after its checkpoint and, with changes delivered again, counts none twice', async () => {
      // Arrange: a replica records place and pay; its first checkpoint is kept to rewind to
      const first = await fixture.startReplica();
      await waitUntil(fixture.streamOpen, 'the change stream is open');
      const checkpoints = fixture.db.collection<CheckpointDocument>('checkpoints');
      const beforeAnyWrite = (await checkpoints.findOne({ _id: fixture.streamName }))!;
      const customerId = uniqueName('cust');
      const orderId = uniqueName('order');
      await orders.write(place(orderId, customerId, 1250), shopper);
      const paid = await orders.write(
        { type: 'RecordPaymentSucceeded', orderId, reference: 'pay-1' },
        paymentService,
      );
      await statsReached(customerId, paid);
      await waitUntil(
        async () => (await fixture.historyOf(orderId)).length === 2,
        'the first two versions are recorded',
      );
      await fixture.stopReplica(first);

      // Act: changes while no replica runs; the checkpoint rewound to before the first write,
      // so place and pay are delivered a second time; then a restart and one more change
      await orders.write({ type: 'HoldOrder', orderId, reason: 'fraud check' }, ordersService);
      await orders.write({ type: 'ReleaseOrder', orderId }, ordersService);
      await checkpoints.replaceOne({ _id: fixture.streamName }, beforeAnyWrite);
      await fixture.startReplica();
      const shipped = await orders.write({ type: 'ShipOrder', orderId }, warehouse);
      await statsReached(customerId, shipped);

      // Assert
      const stats = (await fixture.statsOf(customerId))!;
      expect(stats.byStatus).toEqual(buckets({ shipped: { count: 1, totals: { EUR: 2500 } } }));
      expect(stats.openOrders).toEqual({});
      expect(stats.recentlyClosed).toEqual([{ orderId, version: 5 }]);
      expect((await fixture.historyOf(orderId)).map((entry) => entry.version)).toEqual([
        1, 2, 3, 4, 5,
      ]);
      expect(await fixture.db.collection(orderHistoryCollection).countDocuments()).toBe(5);
      expect(await fixture.db.collection<OrderStats>(orderStatsCollection).countDocuments()).toBe(
        1,
      );
    });
  });
});
