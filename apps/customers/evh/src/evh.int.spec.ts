import { randomUUID } from 'node:crypto';
import {
  connectionCutter,
  startedForFile,
  testCaller,
  testToken,
  waitUntil,
} from '@cqrs/framework-core/testing';
import { evhUnderTest } from '@cqrs/framework-event-handling/testing';
import type { CloudEvent } from '@cqrs/framework-kafka';
import { testCloudEvent } from '@cqrs/framework-kafka/testing';
import type { CustomerDocument } from '@cqrs/customers-shared';
import { customersCollection } from '@cqrs/customers-shared';
import { start } from './app';
import { configSchema } from './config';

const evh = startedForFile(
  () =>
    evhUnderTest({
      evh: { service: 'customers-evh', configSchema, start },
      // Enough retries to ride out a cmdh restart (tens of seconds), short waits.
      env: { RETRY_ATTEMPTS: '200', COMMAND_TIMEOUT_MS: '5000' },
    }),
  180_000,
);

const customers = () => evh.db.collection<CustomerDocument>(customersCollection);

const clerk = testCaller(
  () => evh.cmdh.url,
  { clerk: { sub: 'clerk-1', roles: ['customer_support'] } },
  'clerk',
);

/** Registers a customer through the real customers-cmdh and returns its id. */
async function registerCustomer(): Promise<string> {
  const body = { name: 'Ada Lovelace', email: `${randomUUID()}@example.com` };
  const reply = await clerk('POST', '/customers', { body });
  expect(reply.status).toBe(201);
  return (reply.body as { id: string }).id;
}

const customerOf = async (id: string) => {
  const document = await customers().findOne({ _id: id });
  if (document === null) throw new Error(`no customer ${id}`);
  return { openOrders: document.openOrderIds.length, version: document.version };
};

const orderEvent = (type: string, customerId: string, orderId: string, version = 1) =>
  testCloudEvent('/orders', type, orderId, { orderId, customerId, status: 'x' }, version);

/**
 * Produces an order.placed for a fresh customer behind whatever was produced before and waits
 * until it is applied: one partition, in order, so everything before it was handled too.
 */
async function drain(): Promise<void> {
  const marker = await registerCustomer();
  await evh.events.send(orderEvent('order.placed.v1', marker, `o-${randomUUID()}`));
  await waitUntil(async () => (await customerOf(marker)).openOrders === 1, 'the marker applied');
}

describe('customers-evh', () => {
  it('records a placed order as open on the customer, and a shipped one as closed', async () => {
    const customerId = await registerCustomer();
    const orderId = `o-${randomUUID()}`;

    await evh.events.send(orderEvent('order.placed.v1', customerId, orderId));
    await waitUntil(async () => (await customerOf(customerId)).openOrders === 1, 'order opened');

    await evh.events.send(orderEvent('order.shipped.v1', customerId, orderId, 3));
    await waitUntil(async () => (await customerOf(customerId)).openOrders === 0, 'order closed');
    expect(await customerOf(customerId)).toEqual({ openOrders: 0, version: 3 });
  });

  it('applies the same event produced twice only once', async () => {
    const customerId = await registerCustomer();
    const placed = orderEvent('order.placed.v1', customerId, `o-${randomUUID()}`);

    await evh.events.send(placed);
    await evh.events.send(placed);
    await drain();

    // Registered (1) and one order opened (2): the redelivery got the first answer.
    expect(await customerOf(customerId)).toEqual({ openOrders: 1, version: 2 });
    expect(await evh.parkedOf(placed.id)).toBeUndefined();
  });

  it('changes nothing for a paid order', async () => {
    const customerId = await registerCustomer();
    const orderId = `o-${randomUUID()}`;
    await evh.events.send(orderEvent('order.placed.v1', customerId, orderId));
    await waitUntil(async () => (await customerOf(customerId)).openOrders === 1, 'order opened');

    const paid = orderEvent('order.paid.v1', customerId, orderId, 2);
    await evh.events.send(paid);
    await drain();

    expect(await customerOf(customerId)).toEqual({ openOrders: 1, version: 2 });
    expect(await evh.parkedOf(paid.id)).toBeUndefined();
  });

  it('parks a poison message and a schema-invalid event with their reasons, and goes on', async () => {
    const customerId = await registerCustomer();
    const orderId = `o-${randomUUID()}`;
    const poisonKey = `poison-${randomUUID()}`;
    const noCloudEvent = {
      ...orderEvent('order.placed.v1', customerId, orderId),
    } as Partial<CloudEvent>;
    delete noCloudEvent.specversion;
    const invalidData = testCloudEvent('/orders', 'order.placed.v1', orderId, { orderId }, 1);

    await evh.events.sendRaw(poisonKey, '{"not json');
    await evh.events.sendRaw(orderId, JSON.stringify(noCloudEvent));
    await evh.events.send(invalidData);
    await evh.events.send(orderEvent('order.placed.v1', customerId, orderId, 1));

    await waitUntil(async () => (await customerOf(customerId)).openOrders === 1, 'next handled');
    const parked = await evh.parkedEvents();
    const ofThisTest = parked.filter(
      (event) => event.id === invalidData.id || ['bad_json', 'schema'].includes(event.reason.code),
    );
    expect(ofThisTest.map((event) => [event.reason.code, event.type, event.status]).sort()).toEqual(
      [
        ['bad_json', null, 'parked'],
        ['invalid_data', 'order.placed.v1', 'parked'],
        ['schema', null, 'parked'],
      ],
    );
    for (const event of ofThisTest) {
      expect(event.topic).toBe(evh.topic);
      expect(event.reason.message.length).toBeGreaterThan(0);
    }
    expect(parked.find((event) => event.id === invalidData.id)?.reason.message).toMatch(
      /customerId/,
    );
  });

  it('keeps retrying while customers-cmdh is down and handles the event once it is back', async () => {
    const customerId = await registerCustomer();
    const placed = orderEvent('order.placed.v1', customerId, `o-${randomUUID()}`);

    await evh.cmdh.stop();
    const cutter = connectionCutter(evh.cmdh.port);
    try {
      await cutter.listening;
      await evh.events.send(placed);
      await waitUntil(() => cutter.connections() >= 3, 'customers-evh tried three times');
    } finally {
      await cutter.close();
    }
    expect((await customerOf(customerId)).openOrders).toBe(0);
    await evh.cmdh.restart();

    await waitUntil(async () => (await customerOf(customerId)).openOrders === 1, 'applied at last');
    expect(await evh.parkedOf(placed.id)).toBeUndefined();
  });

  it('parks a refused event; a replay applies it once, a second replay sends nothing', async () => {
    const customerId = await registerCustomer();
    const orderId = `o-${randomUUID()}`;
    // Shipped before placed arrived: cmdh refuses to close an order that is not open.
    const shipped = orderEvent('order.shipped.v1', customerId, orderId, 3);
    await evh.events.send(shipped);
    await waitUntil(async () => (await evh.parkedOf(shipped.id)) !== undefined, 'shipped parked');
    expect((await evh.parkedOf(shipped.id))?.reason).toMatchObject({
      code: 'refused',
      status: 422,
      problemReason: 'order_not_open',
    });

    await evh.events.send(orderEvent('order.placed.v1', customerId, orderId, 1));
    await waitUntil(async () => (await customerOf(customerId)).openOrders === 1, 'order opened');

    const first = await evh.replay(shipped.id);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: shipped.id, status: 'replayed' });
    expect(await customerOf(customerId)).toEqual({ openOrders: 0, version: 3 });

    const second = await evh.replay(shipped.id);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: 'replayed', replayedAt: first.body.replayedAt });
    expect(await customerOf(customerId)).toEqual({ openOrders: 0, version: 3 });
    expect((await evh.parkedOf(shipped.id))?.status).toBe('replayed');
  });

  it('answers the parked-events routes to operators only', async () => {
    const token = await testToken({ sub: 'clerk-1', roles: ['customer_support'] });
    const answer = await fetch(`${evh.app.url}/customers/parked-events`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(403);
    const ready = await fetch(`${evh.app.url}/readyz`);
    expect(ready.status).toBe(200);
  });
});
