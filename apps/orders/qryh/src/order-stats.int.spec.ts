import type { OrderStatsResource } from '@cqrs/orders-shared';
import type { QryhUnderTest } from './testing/qryh-under-test';
import { startQryh } from './testing/qryh-under-test';
import { t0 } from './testing/order-seed';

describe('orders-qryh GET /customers/{id}/order-stats', () => {
  let qryh: QryhUnderTest;

  beforeAll(async () => {
    qryh = await startQryh();
  });
  afterAll(() => qryh?.stop());

  it("returns the customer's stats as orders-chgh stored them", async () => {
    // Arrange
    await qryh.seedStats('c-1', {
      paid: { count: 2, totals: { EUR: 4200 } },
      shipped: { count: 1, totals: { USD: 999 } },
    });

    // Act
    const response = await qryh.get('/customers/c-1/order-stats');

    // Assert
    expect(response.status).toBe(200);
    const body = (await response.json()) as OrderStatsResource;
    expect(body).toEqual({
      customerId: 'c-1',
      byStatus: {
        placed: { count: 0, totals: {} },
        paid: { count: 2, totals: { EUR: 4200 } },
        payment_failed: { count: 0, totals: {} },
        cancelled: { count: 0, totals: {} },
        on_hold: { count: 0, totals: {} },
        shipped: { count: 1, totals: { USD: 999 } },
      },
      updatedAt: t0.toISOString(),
    });
  });

  it('returns zeros and updatedAt null for a customer without stats', async () => {
    // Act
    const response = await qryh.get('/customers/c-none/order-stats');

    // Assert
    expect(response.status).toBe(200);
    const body = (await response.json()) as OrderStatsResource;
    expect(body.updatedAt).toBeNull();
    expect(Object.values(body.byStatus)).toEqual(
      Array.from({ length: 6 }, () => ({ count: 0, totals: {} })),
    );
  });
});
