import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { MongoClient } from 'mongodb';
import type { RunningApp } from '@cqrs/framework-core';
import { TEST_JWT_SECRET, testToken, uniqueName } from '@cqrs/framework-core/testing';
import type { ParkedEventResource } from '@cqrs/framework-event-handling';
import type { CloudEvent } from '@cqrs/framework-kafka';
import type { CustomerDocument } from '@cqrs/customers-shared';
import { customersCollection } from '@cqrs/customers-shared';
import { start } from './app';
import type { Config } from './config';
import { configSchema } from './config';
import type { SpawnedApp } from './testing/evh-test-kit';
import {
  brokers,
  cloudEvent,
  connectionCutter,
  createTopic,
  eventWriter,
  freePort,
  mongoUrl,
  spawnApp,
  testKafka,
  waitUntil,
} from './testing/evh-test-kit';

const mongo = new MongoClient(mongoUrl);
const kafka: Kafka = testKafka();
const dbName = uniqueName('customers-evh');
const topic = uniqueName('orders-events');
let cmdhPort: number;
let cmdh: SpawnedApp;
let evh: RunningApp<Config>;
let writer: Awaited<ReturnType<typeof eventWriter>>;

beforeAll(async () => {
  await mongo.connect();
  await createTopic(kafka, topic);
  writer = await eventWriter(kafka, topic);
  cmdhPort = await freePort();
  cmdh = spawnApp('apps/customers/cmdh/src/main.ts', {
    SERVICE_NAME: 'customers-cmdh',
    HOST: '127.0.0.1',
    PORT: String(cmdhPort),
    LOG_LEVEL: 'warn',
    MONGO_URL: mongoUrl,
    MONGO_DB: dbName,
    JWT_HS256_SECRET: TEST_JWT_SECRET,
  });
  await cmdh.ready();
  evh = await start(
    configSchema.parse({
      SERVICE_NAME: 'customers-evh',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      MONGO_URL: mongoUrl,
      MONGO_DB: dbName,
      KAFKA_BROKERS: brokers,
      JWT_HS256_SECRET: TEST_JWT_SECRET,
      CMDH_URL: cmdh.url,
      SERVICE_TOKEN: await testToken({ sub: 'customers-evh', roles: ['service'] }),
      EVENTS_TOPIC: topic,
      CONSUMER_GROUP: uniqueName('customers-evh'),
      // Enough retries to ride out a cmdh restart (tens of seconds), short waits.
      RETRY_ATTEMPTS: '200',
      RETRY_INITIAL_DELAY_MS: '50',
      RETRY_MAX_DELAY_MS: '500',
      COMMAND_TIMEOUT_MS: '5000',
    }),
    { installSignalHandlers: false },
  );
}, 180_000);

afterAll(async () => {
  await evh?.stop();
  await cmdh?.stop();
  await writer?.close();
  await mongo.db(dbName).dropDatabase();
  await mongo.close();
});

const customers = () => mongo.db(dbName).collection<CustomerDocument>(customersCollection);

/** Registers a customer through the real customers-cmdh and returns its id. */
async function registerCustomer(): Promise<string> {
  const token = await testToken({ sub: 'clerk-1', roles: ['customer_support'] });
  const answer = await fetch(`${cmdh.url}/customers`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({ name: 'Ada Lovelace', email: `${randomUUID()}@example.com` }),
  });
  const body = (await answer.json()) as { id: string };
  expect(answer.status).toBe(201);
  return body.id;
}

const customerOf = async (id: string) => {
  const document = await customers().findOne({ _id: id });
  if (document === null) throw new Error(`no customer ${id}`);
  return { openOrders: document.openOrderIds.length, version: document.version };
};

const orderEvent = (type: string, customerId: string, orderId: string, version = 1) =>
  cloudEvent('/orders', type, orderId, { orderId, customerId, status: 'x' }, version);

/**
 * Produces an order.placed for a fresh customer behind whatever was produced before and waits
 * until it is applied: one partition, in order, so everything before it was handled too.
 */
async function drain(): Promise<void> {
  const marker = await registerCustomer();
  await writer.send(orderEvent('order.placed.v1', marker, `o-${randomUUID()}`));
  await waitUntil(async () => (await customerOf(marker)).openOrders === 1, 'the marker applied');
}

async function parkedEvents(): Promise<ParkedEventResource[]> {
  const token = await testToken({ sub: 'ops-1', roles: ['operator'] });
  const answer = await fetch(`${evh.url}/customers/parked-events?limit=100`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { items: ParkedEventResource[] }).items;
}

const parkedOf = async (id: string) => (await parkedEvents()).find((event) => event.id === id);

async function replay(id: string) {
  const token = await testToken({ sub: 'ops-1', roles: ['operator'] });
  const answer = await fetch(
    `${evh.url}/customers/parked-events/${encodeURIComponent(id)}/replay`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    },
  );
  return { status: answer.status, body: (await answer.json()) as ParkedEventResource };
}

describe('customers-evh', () => {
  it('records a placed order as open on the customer, and a shipped one as closed', async () => {
    const customerId = await registerCustomer();
    const orderId = `o-${randomUUID()}`;

    await writer.send(orderEvent('order.placed.v1', customerId, orderId));
    await waitUntil(async () => (await customerOf(customerId)).openOrders === 1, 'order opened');

    await writer.send(orderEvent('order.shipped.v1', customerId, orderId, 3));
    await waitUntil(async () => (await customerOf(customerId)).openOrders === 0, 'order closed');
    expect(await customerOf(customerId)).toEqual({ openOrders: 0, version: 3 });
  });

  it('applies the same event produced twice only once', async () => {
    const customerId = await registerCustomer();
    const placed = orderEvent('order.placed.v1', customerId, `o-${randomUUID()}`);

    await writer.send(placed);
    await writer.send(placed);
    await drain();

    // Registered (1) and one order opened (2): the redelivery got the first answer.
    expect(await customerOf(customerId)).toEqual({ openOrders: 1, version: 2 });
    expect(await parkedOf(placed.id)).toBeUndefined();
  });

  it('changes nothing for a paid order', async () => {
    const customerId = await registerCustomer();
    const orderId = `o-${randomUUID()}`;
    await writer.send(orderEvent('order.placed.v1', customerId, orderId));
    await waitUntil(async () => (await customerOf(customerId)).openOrders === 1, 'order opened');

    const paid = orderEvent('order.paid.v1', customerId, orderId, 2);
    await writer.send(paid);
    await drain();

    expect(await customerOf(customerId)).toEqual({ openOrders: 1, version: 2 });
    expect(await parkedOf(paid.id)).toBeUndefined();
  });

  it('parks a poison message and a schema-invalid event with their reasons, and goes on', async () => {
    const customerId = await registerCustomer();
    const orderId = `o-${randomUUID()}`;
    const poisonKey = `poison-${randomUUID()}`;
    const noCloudEvent = {
      ...orderEvent('order.placed.v1', customerId, orderId),
    } as Partial<CloudEvent>;
    delete noCloudEvent.specversion;
    const invalidData = cloudEvent('/orders', 'order.placed.v1', orderId, { orderId }, 1);

    await writer.sendRaw(poisonKey, '{"not json');
    await writer.sendRaw(orderId, JSON.stringify(noCloudEvent));
    await writer.send(invalidData);
    await writer.send(orderEvent('order.placed.v1', customerId, orderId, 1));

    await waitUntil(async () => (await customerOf(customerId)).openOrders === 1, 'next handled');
    const parked = await parkedEvents();
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
      expect(event.topic).toBe(topic);
      expect(event.reason.message.length).toBeGreaterThan(0);
    }
    expect(parked.find((event) => event.id === invalidData.id)?.reason.message).toMatch(
      /customerId/,
    );
  });

  it('keeps retrying while customers-cmdh is down and handles the event once it is back', async () => {
    const customerId = await registerCustomer();
    const placed = orderEvent('order.placed.v1', customerId, `o-${randomUUID()}`);

    await cmdh.stop();
    const cutter = connectionCutter(cmdhPort);
    try {
      await cutter.listening;
      await writer.send(placed);
      await waitUntil(() => cutter.connections() >= 3, 'customers-evh tried three times');
    } finally {
      await cutter.close();
    }
    expect((await customerOf(customerId)).openOrders).toBe(0);
    await cmdh.restart();

    await waitUntil(async () => (await customerOf(customerId)).openOrders === 1, 'applied at last');
    expect(await parkedOf(placed.id)).toBeUndefined();
  });

  it('parks a refused event; a replay applies it once, a second replay sends nothing', async () => {
    const customerId = await registerCustomer();
    const orderId = `o-${randomUUID()}`;
    // Shipped before placed arrived: cmdh refuses to close an order that is not open.
    const shipped = orderEvent('order.shipped.v1', customerId, orderId, 3);
    await writer.send(shipped);
    await waitUntil(async () => (await parkedOf(shipped.id)) !== undefined, 'shipped parked');
    expect((await parkedOf(shipped.id))?.reason).toMatchObject({
      code: 'refused',
      status: 422,
      problemReason: 'order_not_open',
    });

    await writer.send(orderEvent('order.placed.v1', customerId, orderId, 1));
    await waitUntil(async () => (await customerOf(customerId)).openOrders === 1, 'order opened');

    const first = await replay(shipped.id);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: shipped.id, status: 'replayed' });
    expect(await customerOf(customerId)).toEqual({ openOrders: 0, version: 3 });

    const second = await replay(shipped.id);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: 'replayed', replayedAt: first.body.replayedAt });
    expect(await customerOf(customerId)).toEqual({ openOrders: 0, version: 3 });
    expect((await parkedOf(shipped.id))?.status).toBe('replayed');
  });

  it('answers the parked-events routes to operators only', async () => {
    const token = await testToken({ sub: 'clerk-1', roles: ['customer_support'] });
    const answer = await fetch(`${evh.url}/customers/parked-events`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(403);
    const ready = await fetch(`${evh.url}/readyz`);
    expect(ready.status).toBe(200);
  });
});
