import { randomUUID } from 'node:crypto';
import { eventually, startedForFile } from '@cqrs/framework-core/testing';
import { startE2eSystem } from './system';

/**
 * Both services end to end through the gateway: customer standing flows to orders through
 * Kafka, blocking a customer holds its orders, orders flow back into the customer's open-order
 * count, and the order stats read model follows every step.
 */
const system = startedForFile(startE2eSystem);

describe('customers and orders, end to end through the gateway', () => {
  it('place -> block holds the order -> unblock releases it -> close refused while open -> ship -> close', async () => {
    const clerk = `Bearer ${await system.token('alice')}`;
    const risk = `Bearer ${await system.token('rita', ['risk'])}`;
    const service = `Bearer ${await system.token('psp-adapter', ['service'])}`;
    const { appUrl, call } = system;
    const read = <T>(path: string) => system.read<T>(path, clerk);

    const registered = await call('POST', '/customers', clerk, {
      name: 'Grace Hopper',
      email: `grace-${randomUUID()}@example.com`,
    });
    const { id: customerId } = (await registered.json()) as { id: string };
    expect(
      (
        await call(
          'POST',
          `/internal/customers/${customerId}/kyc/approve`,
          service,
          {},
          appUrl('customers-cmdh'),
        )
      ).status,
    ).toBe(200);

    // orders-evh learns the customer is active from customers.events.v1.
    const placed = await eventually(async () => {
      const response = await call('POST', '/orders', clerk, {
        customerId,
        currency: 'EUR',
        lines: [{ sku: 'BOOK-1', quantity: 2, unitPrice: 1250 }],
      });
      return response.status === 201
        ? ((await response.json()) as { id: string; total: number })
        : undefined;
    }, 'an order to be accepted once the standing is active');
    expect(placed.total).toBe(2500);
    const orderStatus = (status: string) =>
      eventually(async () => {
        const order = await read<{ status: string }>(`/orders/${placed.id}`);
        return order?.status === status ? order : undefined;
      }, `the order to be ${status}`);

    expect(
      (await call('POST', `/customers/${customerId}/block`, risk, { reason: 'chargebacks' }))
        .status,
    ).toBe(200);
    await orderStatus('on_hold');
    expect((await call('POST', `/customers/${customerId}/unblock`, risk)).status).toBe(200);
    await orderStatus('placed');

    // customers-evh has counted the open order, so closing is refused.
    await eventually(async () => {
      const customer = await read<{ openOrders: number }>(`/customers/${customerId}`);
      return customer?.openOrders === 1 ? customer : undefined;
    }, 'the customer to know of the open order');
    const refused = await call('POST', `/customers/${customerId}/close`, clerk);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ reason: 'open_orders' });

    expect(
      (
        await call(
          'POST',
          `/internal/orders/${placed.id}/payment-succeeded`,
          service,
          { reference: 'psp-1' },
          appUrl('orders-cmdh'),
        )
      ).status,
    ).toBe(200);
    expect((await call('POST', `/orders/${placed.id}/ship`, clerk)).status).toBe(200);
    await eventually(async () => {
      const customer = await read<{ openOrders: number }>(`/customers/${customerId}`);
      return customer?.openOrders === 0 ? customer : undefined;
    }, 'the customer to know the order is closed');
    expect((await call('POST', `/customers/${customerId}/close`, clerk)).status).toBe(200);

    const stats = await eventually(async () => {
      const s = await read<{
        byStatus: Record<string, { count: number; totals: Record<string, number> }>;
      }>(`/customers/${customerId}/order-stats`);
      return s?.byStatus.shipped?.count === 1 ? s : undefined;
    }, 'order stats to count the shipped order');
    expect(stats.byStatus.shipped).toEqual({ count: 1, totals: { EUR: 2500 } });
    expect(stats.byStatus.placed?.count).toBe(0);
    expect(stats.byStatus.on_hold?.count).toBe(0);

    const history = await read<{ items: { eventType: string }[] }>(`/orders/${placed.id}/history`);
    expect(history?.items.map((entry) => entry.eventType)).toEqual([
      'order.placed.v1',
      'order.put_on_hold.v1',
      'order.released.v1',
      'order.paid.v1',
      'order.shipped.v1',
    ]);
  });
});
