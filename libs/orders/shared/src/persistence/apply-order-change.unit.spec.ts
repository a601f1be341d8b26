import type { Order } from '../domain/order';
import { toOrderStatsResource } from '../api/order-stats-resource';
import { at, customerId, orderIn } from '../testing/order-fixtures';
import { applyOrderChange } from './apply-order-change';
import type { OrderStats } from './order-stats';
import { orderStatsClosedLimit, orderStatsSchema } from './order-stats';

/** Order `id` of `customerId` in `status`, changed at minute `minute`. */
const order = (
  id: string,
  status: Order['status'],
  minute: number,
  extra: Partial<Order> = {},
): Order => ({
  ...orderIn('placed'),
  id,
  status,
  heldFrom: status === 'on_hold' ? 'placed' : null,
  updatedAt: at(minute),
  ...extra,
});

/** Applies `[order, version]` changes in order, from no stats. */
const replay = (changes: [Order, number][], from?: OrderStats) =>
  changes.reduce<OrderStats | undefined>(
    (stats, [changed, version]) => applyOrderChange(stats, changed, version),
    from,
  );

/** count and totals of each non-empty bucket, e.g. `{ paid: [1, { EUR: 2999 }] }`. */
const buckets = (stats: OrderStats | undefined) =>
  Object.fromEntries(
    Object.entries(stats?.byStatus ?? {})
      .filter(([, bucket]) => bucket.count > 0)
      .map(([status, bucket]) => [status, [bucket.count, bucket.totals]]),
  );

// One order of 29.99 EUR through its life: placed -> paid -> on_hold -> released (paid) -> shipped.
const life: [Order, number][] = [
  [order('o-1', 'placed', 0), 1],
  [order('o-1', 'paid', 1), 2],
  [order('o-1', 'on_hold', 2, { heldFrom: 'paid' }), 3],
  [order('o-1', 'paid', 3), 4],
  [order('o-1', 'shipped', 4), 5],
];

describe('OrderStats', () => {
  describe('when an order goes through its life', () => {
    it.each([
      [1, { placed: [1, { EUR: 2999 }] }],
      [2, { paid: [1, { EUR: 2999 }] }],
      [3, { on_hold: [1, { EUR: 2999 }] }],
      [4, { paid: [1, { EUR: 2999 }] }],
      [5, { shipped: [1, { EUR: 2999 }] }],
    ])('after version %s it counts only in its current status', (version, expected) => {
      // Act
      const stats = replay(life.slice(0, version));

      // Assert
      expect(buckets(stats)).toEqual(expected);
      expect(orderStatsSchema.safeParse(stats).success).toBe(true);
    });

    it('tracks the order while open and remembers it once closed', () => {
      // Act
      const open = replay(life.slice(0, 3));
      const closed = replay(life);

      // Assert
      expect(open?.openOrders).toEqual({
        'o-1': { status: 'on_hold', version: 3, currency: 'EUR', total: 2999 },
      });
      expect(closed?.openOrders).toEqual({});
      expect(closed?.recentlyClosed).toEqual([{ orderId: 'o-1', version: 5 }]);
      expect(closed?.updatedAt).toEqual(at(4));
      expect(closed?._id).toBe(customerId);
    });
  });

  describe('when a change is delivered again', () => {
    it.each([
      ['the last change of an open order', 3, [[order('o-1', 'on_hold', 2), 3]]],
      ['an older change of an open order', 3, [[order('o-1', 'placed', 0), 1]]],
      ['any change of a closed order', 5, [[order('o-1', 'paid', 3), 4], life[4]]],
      ['a whole replayed batch', 5, life],
    ] as const)('ignores %s', (_what, applied, again) => {
      // Arrange
      const before = replay(life.slice(0, applied));

      // Act
      const after = replay([...again] as [Order, number][], before);

      // Assert
      expect(after).toEqual(before);
    });
  });

  describe('when a customer has orders in several currencies and statuses', () => {
    it('sums totals per currency and leaves out a currency that sums to zero', () => {
      // Act
      const stats = replay([
        [order('o-1', 'placed', 0), 1],
        [order('o-2', 'placed', 1, { currency: 'USD', total: 500 }), 1],
        [order('o-3', 'placed', 2, { total: 1 }), 1],
        [order('o-1', 'paid', 3), 2],
        [order('o-3', 'cancelled', 4, { total: 1 }), 2],
        [order('o-4', 'placed', 5, { currency: 'USD', total: 0 }), 1],
      ]);

      // Assert
      expect(buckets(stats)).toEqual({
        placed: [2, { USD: 500 }],
        paid: [1, { EUR: 2999 }],
        cancelled: [1, { EUR: 1 }],
      });
    });

    it('refuses an order of another customer', () => {
      // Arrange
      const stats = replay([[order('o-1', 'placed', 0), 1]]);

      // Act
      const act = () =>
        applyOrderChange(stats, order('o-9', 'placed', 1, { customerId: 'c-2' }), 1);

      // Assert
      expect(act).toThrow(/c-2/);
    });

    it('remembers only the last closed orders', () => {
      // Arrange
      const changes = Array.from({ length: orderStatsClosedLimit + 2 }, (_, i): [Order, number] => [
        order(`o-${i}`, 'cancelled', i),
        2,
      ]);

      // Act
      const stats = replay(changes);

      // Assert
      expect(stats?.recentlyClosed).toHaveLength(orderStatsClosedLimit);
      expect(stats?.recentlyClosed[0]?.orderId).toBe('o-2');
      expect(stats?.byStatus.cancelled.count).toBe(orderStatsClosedLimit + 2);
    });
  });

  describe('when served', () => {
    it('shows every status with its count and totals, dates as ISO strings', () => {
      // Arrange
      const stats = replay(life.slice(0, 2));

      // Act
      const resource = toOrderStatsResource(customerId, stats);

      // Assert
      expect(resource).toEqual({
        customerId,
        byStatus: {
          placed: { count: 0, totals: {} },
          paid: { count: 1, totals: { EUR: 2999 } },
          payment_failed: { count: 0, totals: {} },
          cancelled: { count: 0, totals: {} },
          on_hold: { count: 0, totals: {} },
          shipped: { count: 0, totals: {} },
        },
        updatedAt: at(1).toISOString(),
      });
    });

    it('shows zeros and no time for a customer without orders', () => {
      // Act
      const resource = toOrderStatsResource('c-7', null);

      // Assert
      expect(resource.updatedAt).toBeNull();
      expect(Object.values(resource.byStatus)).toEqual(Array(6).fill({ count: 0, totals: {} }));
    });
  });
});
