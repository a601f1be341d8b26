import { randomUUID } from 'node:crypto';
import { startedForFile, testCaller, waitUntil } from '@cqrs/framework-core/testing';
import { evhUnderTest } from '@cqrs/framework-event-handling/testing';
import { testCloudEvent } from '@cqrs/framework-kafka/testing';
import type { CustomerStandingDocument } from '@cqrs/orders-shared';
import {
  customerBlockedHoldReason,
  customerStandingsCollection,
  ordersCollection,
} from '@cqrs/orders-shared';
import { start } from './app';
import { configSchema } from './config';

const evh = startedForFile(
  () => evhUnderTest({ evh: { service: 'orders-evh', configSchema, start } }),
  180_000,
);

const customerEvent = (type: string, customerId: string, version: number) =>
  testCloudEvent(
    '/customers',
    type,
    customerId,
    { customerId, occurredAt: 'x', extra: 1 },
    version,
  );

const standingOf = async (customerId: string) => {
  const document = await evh.db
    .collection<CustomerStandingDocument>(customerStandingsCollection)
    .findOne({ _id: customerId });
  return document && { standing: document.standing, version: document.lastCustomerVersion };
};

const orderOf = (orderId: string) =>
  evh.db
    .collection<{ _id: string; status: string; holdReason: string | null }>(ordersCollection)
    .findOne({ _id: orderId }, { projection: { status: 1, holdReason: 1 } });

const waitForStanding = (customerId: string, standing: string, version: number) =>
  waitUntil(async () => {
    const current = await standingOf(customerId);
    return current?.standing === standing && current.version === version;
  }, `${customerId} is ${standing} at version ${version}`);

const shopper = testCaller(
  () => evh.cmdh.url,
  { shopper: { sub: 'shopper-1', roles: ['customer_support'] } },
  'shopper',
);

/** Places an order through the real orders-cmdh; the customer must be active. */
async function placeOrder(customerId: string): Promise<string> {
  const lines = [{ sku: 'sku-1', quantity: 2, unitPrice: 150 }];
  const reply = await shopper('POST', '/orders', { body: { customerId, currency: 'EUR', lines } });
  expect(reply.status).toBe(201);
  return (reply.body as { id: string }).id;
}

/** A customer registered and approved, with one placed order. */
async function activeCustomerWithOrder() {
  const customerId = `c-${randomUUID()}`;
  await evh.events.send(
    customerEvent('customer.registered.v1', customerId, 1),
    customerEvent('customer.kyc_approved.v1', customerId, 2),
  );
  await waitForStanding(customerId, 'active', 2);
  return { customerId, orderId: await placeOrder(customerId) };
}

describe('orders-evh', () => {
  it('records the standing of a registered, then approved customer', async () => {
    const customerId = `c-${randomUUID()}`;

    await evh.events.send(customerEvent('customer.registered.v1', customerId, 1));
    await waitForStanding(customerId, 'pending_kyc', 1);

    await evh.events.send(customerEvent('customer.kyc_approved.v1', customerId, 2));
    await waitForStanding(customerId, 'active', 2);
    expect(await standingOf(customerId)).toEqual({ standing: 'active', version: 2 });
  });

  it("records a block and puts the customer's open orders on hold", async () => {
    const { customerId, orderId } = await activeCustomerWithOrder();
    expect(await orderOf(orderId)).toMatchObject({ status: 'placed' });

    await evh.events.send(customerEvent('customer.blocked.v1', customerId, 3));

    await waitForStanding(customerId, 'blocked', 3);
    await waitUntil(async () => (await orderOf(orderId))?.status === 'on_hold', 'order held');
    expect(await orderOf(orderId)).toMatchObject({ holdReason: customerBlockedHoldReason });
  });

  it("records an unblock and releases the customer's held orders", async () => {
    const { customerId, orderId } = await activeCustomerWithOrder();
    await evh.events.send(customerEvent('customer.blocked.v1', customerId, 3));
    await waitUntil(async () => (await orderOf(orderId))?.status === 'on_hold', 'order held');

    await evh.events.send(customerEvent('customer.unblocked.v1', customerId, 4));

    await waitForStanding(customerId, 'active', 4);
    await waitUntil(async () => (await orderOf(orderId))?.status === 'placed', 'order released');
    expect(await orderOf(orderId)).toMatchObject({ holdReason: null });
  });

  it('skips a late block older than the recorded standing, without parking it or holding', async () => {
    const { customerId, orderId } = await activeCustomerWithOrder();
    await evh.events.send(
      customerEvent('customer.blocked.v1', customerId, 3),
      customerEvent('customer.unblocked.v1', customerId, 4),
    );
    await waitForStanding(customerId, 'active', 4);
    await waitUntil(async () => (await orderOf(orderId))?.status === 'placed', 'order released');

    // The same block again under another event id (e.g. republished): older than version 4.
    const late = customerEvent('customer.blocked.v1', customerId, 3);
    await evh.events.send(late);
    const marker = `c-${randomUUID()}`;
    await evh.events.send(customerEvent('customer.registered.v1', marker, 1));
    await waitForStanding(marker, 'pending_kyc', 1);

    expect(await standingOf(customerId)).toEqual({ standing: 'active', version: 4 });
    expect(await orderOf(orderId)).toMatchObject({ status: 'placed' });
    expect((await evh.parkedEvents()).find((event) => event.id === late.id)).toBeUndefined();
  });

  it('parks an event with invalid data and handles the next one', async () => {
    const customerId = `c-${randomUUID()}`;
    const invalid = testCloudEvent('/customers', 'customer.blocked.v1', customerId, {
      reason: 'x',
    });

    await evh.events.send(invalid, customerEvent('customer.registered.v1', customerId, 1));

    await waitForStanding(customerId, 'pending_kyc', 1);
    const parked = (await evh.parkedEvents()).find((event) => event.id === invalid.id);
    expect(parked).toMatchObject({
      type: 'customer.blocked.v1',
      status: 'parked',
      reason: { code: 'invalid_data' },
    });
  });
});
