import { emptyOrderStatusBuckets } from '@cqrs/orders-shared';
import type { OrderFacts } from './orders-read-models';
import { checkOrderStats, recomputeOrderStats } from './orders-read-models';

const orders: OrderFacts[] = [
  { _id: 'o1', customerId: 'c1', status: 'placed', currency: 'EUR', total: 500 },
  { _id: 'o2', customerId: 'c1', status: 'placed', currency: 'USD', total: 100 },
  { _id: 'o3', customerId: 'c1', status: 'shipped', currency: 'EUR', total: 700 },
];

describe('order stats reconciliation', () => {
  it('recomputes count and totals per status and currency', () => {
    // Act
    const stats = recomputeOrderStats(orders).get('c1');

    // Assert
    expect(stats).toEqual({
      ...emptyOrderStatusBuckets(),
      placed: { count: 2, totals: { EUR: 500, USD: 100 } },
      shipped: { count: 1, totals: { EUR: 700 } },
    });
  });

  it('finds nothing when the stored stats match', () => {
    // Act
    const drifts = checkOrderStats(orders, [
      { _id: 'c1', byStatus: recomputeOrderStats(orders).get('c1')! },
    ]);

    // Assert
    expect(drifts).toEqual([]);
  });

  it('reports stats that differ, are missing, or have no orders', () => {
    // Arrange
    const wrong = {
      ...recomputeOrderStats(orders).get('c1')!,
      paid: { count: 1, totals: { EUR: 5 } },
    };

    // Act
    const drifts = checkOrderStats(
      [...orders, { _id: 'o4', customerId: 'c2', status: 'paid', currency: 'EUR', total: 1 }],
      [
        { _id: 'c1', byStatus: wrong },
        { _id: 'c3', byStatus: emptyOrderStatusBuckets() },
      ],
    );

    // Assert
    expect(drifts.map((d) => [d.id, d.detail])).toEqual([
      ['c1', 'stored order stats differ from the orders at /paid/totals/EUR, /paid/count'],
      ['c3', 'order stats of a customer with no order'],
      ['c2', 'orders but no order stats'],
    ]);
  });
});
