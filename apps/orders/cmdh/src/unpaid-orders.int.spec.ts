import { deriveId } from '@cqrs/framework-command-handling';
import { waitUntil } from '@cqrs/framework-core/testing';
import type { CmdhUnderTest } from './testing/cmdh-under-test';
import { cmdhUnderTest } from './testing/cmdh-under-test';

// An order unpaid for more than a second is cancelled; the job looks every 200 ms.
const fastTimeout = {
  UNPAID_ORDER_TIMEOUT_MS: '1000',
  UNPAID_ORDER_INTERVAL_MS: '200',
  UNPAID_ORDER_LEASE_TTL_MS: '6000',
};

describe('orders-cmdh unpaid-order job', () => {
  let cmdh: CmdhUnderTest;

  beforeEach(async () => {
    cmdh = await cmdhUnderTest(fastTimeout);
  });
  afterEach(() => cmdh?.stop());

  it('cancels an order left placed too long with reason payment_timeout, and leaves a paid one alone', async () => {
    // Arrange
    const { api } = cmdh;
    const customerId = await api.activeCustomer();
    const paid = await api.paid(customerId);
    const unpaid = await api.placed(customerId);
    const stored = (id: string) => cmdh.orders.findOne({ _id: id });

    // Act: the unpaid order was placed after the paid one, so the job saw both.
    await waitUntil(async () => (await stored(unpaid.id))?.status === 'cancelled', 'cancelled');

    // Assert
    expect(await stored(unpaid.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'payment_timeout',
      version: 2,
      lastEvent: {
        type: 'order.cancelled.v1',
        actor: { sub: 'orders-cmdh/unpaid-orders', roles: ['service'] },
        commandId: deriveId('unpaid-order', unpaid.id),
      },
    });
    expect(await stored(paid.id)).toMatchObject({ status: 'paid', version: 2 });
  });

  it('leaves a fresh order placed under the default timeout', async () => {
    // Arrange
    await cmdh.stop();
    cmdh = await cmdhUnderTest({ UNPAID_ORDER_INTERVAL_MS: '100' });
    const order = await cmdh.api.placed(await cmdh.api.activeCustomer());

    // Act: several runs of the job.
    await new Promise((resolve) => setTimeout(resolve, 800));

    // Assert
    expect(await cmdh.orders.findOne({ _id: order.id })).toMatchObject({
      status: 'placed',
      version: 1,
    });
  });
});
