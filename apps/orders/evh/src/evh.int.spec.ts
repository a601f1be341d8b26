import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { MongoClient } from 'mongodb';
import type { RunningApp } from '@cqrs/framework-core';
import { TEST_JWT_SECRET, testToken, uniqueName } from '@cqrs/framework-core/testing';
import type { ParkedEventResource } from '@cqrs/framework-event-handling';
import type { CustomerStandingDocument } from '@cqrs/orders-shared';
import {
  customerBlockedHoldReason,
  customerStandingsCollection,
  ordersCollection,
} from '@cqrs/orders-shared';
import { start } from './app';
import type { Config } from './config';
import { configSchema } from './config';
import type { SpawnedApp } from './testing/evh-test-kit';
import {
  brokers,
  cloudEvent,
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
const dbName = uniqueName('orders-evh');
const topic = uniqueName('customers-events');
let cmdh: SpawnedApp;
let evh: RunningApp<Config>;
let writer: Awaited<ReturnType<typeof eventWriter>>;

beforeAll(async () => {
  await mongo.connect();
  await createTopic(kafka, topic);
  writer = await eventWriter(kafka, topic);
  cmdh = spawnApp('apps/orders/cmdh/src/main.ts', {
    SERVICE_NAME: 'orders-cmdh',
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    MONGO_URL: mongoUrl,
    MONGO_DB: dbName,
    JWT_HS256_SECRET: TEST_JWT_SECRET,
  });
  await cmdh.ready();
  evh = await start(
    configSchema.parse({
      SERVICE_NAME: 'orders-evh',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      MONGO_URL: mongoUrl,
      MONGO_DB: dbName,
      KAFKA_BROKERS: brokers,
      JWT_HS256_SECRET: TEST_JWT_SECRET,
      CMDH_URL: cmdh.url,
      SERVICE_TOKEN: await testToken({ sub: 'orders-evh', roles: ['service'] }),
      EVENTS_TOPIC: topic,
      CONSUMER_GROUP: uniqueName('orders-evh'),
      RETRY_ATTEMPTS: '20',
      RETRY_INITIAL_DELAY_MS: '50',
      RETRY_MAX_DELAY_MS: '500',
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

const db = () => mongo.db(dbName);

const customerEvent = (type: string, customerId: string, version: number) =>
  cloudEvent('/customers', type, customerId, { customerId, occurredAt: 'x', extra: 1 }, version);

const standingOf = async (customerId: string) => {
  const document = await db()
    .collection<CustomerStandingDocument>(customerStandingsCollection)
    .findOne({ _id: customerId });
  return document && { standing: document.standing, version: document.lastCustomerVersion };
};

const orderOf = (orderId: string) =>
  db()
    .collection<{ _id: string; status: string; holdReason: string | null }>(ordersCollection)
    .findOne({ _id: orderId }, { projection: { status: 1, holdReason: 1 } });

const waitForStanding = (customerId: string, standing: string, version: number) =>
  waitUntil(async () => {
    const current = await standingOf(customerId);
    return current?.standing === standing && current.version === version;
  }, `${customerId} is ${standing} at version ${version}`);

/** Places an order through the real orders-cmdh; the customer must be active. */
async function placeOrder(customerId: string): Promise<string> {
  const token = await testToken({ sub: 'shopper-1', roles: ['customer_support'] });
  const answer = await fetch(`${cmdh.url}/orders`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({
      customerId,
      currency: 'EUR',
      lines: [{ sku: 'sku-1', quantity: 2, unitPrice: 150 }],
    }),
  });
  const body = (await answer.json()) as { id: string };
  expect(answer.status).toBe(201);
  return body.id;
}

/** A customer registered and approved, with one placed order. */
async function activeCustomerWithOrder() {
  const customerId = `c-${randomUUID()}`;
  await writer.send(
    customerEvent('customer.registered.v1', customerId, 1),
    customerEvent('customer.kyc_approved.v1', customerId, 2),
  );
  await waitForStanding(customerId, 'active', 2);
  return { customerId, orderId: await placeOrder(customerId) };
}

async function parkedEvents(): Promise<ParkedEventResource[]> {
  const token = await testToken({ sub: 'ops-1', roles: ['operator'] });
  const answer = await fetch(`${evh.url}/orders/parked-events?limit=100`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { items: ParkedEventResource[] }).items;
}

describe('orders-evh', () => {
  it('records the standing of a registered, then approved customer', async () => {
    const customerId = `c-${randomUUID()}`;

    await writer.send(customerEvent('customer.registered.v1', customerId, 1));
    await waitForStanding(customerId, 'pending_kyc', 1);

    await writer.send(customerEvent('customer.kyc_approved.v1', customerId, 2));
    await waitForStanding(customerId, 'active', 2);
    expect(await standingOf(customerId)).toEqual({ standing: 'active', version: 2 });
  });

  it("records a block and puts the customer's open orders on hold", async () => {
    const { customerId, orderId } = await activeCustomerWithOrder();
    expect(await orderOf(orderId)).toMatchObject({ status: 'placed' });

    await writer.send(customerEvent('customer.blocked.v1', customerId, 3));

    await waitForStanding(customerId, 'blocked', 3);
    await waitUntil(async () => (await orderOf(orderId))?.status === 'on_hold', 'order held');
    expect(await orderOf(orderId)).toMatchObject({ holdReason: customerBlockedHoldReason });
  });

  it("records an unblock and releases the customer's held orders", async () => {
    const { customerId, orderId } = await activeCustomerWithOrder();
    await writer.send(customerEvent('customer.blocked.v1', customerId, 3));
    await waitUntil(async () => (await orderOf(orderId))?.status === 'on_hold', 'order held');

    await writer.send(customerEvent('customer.unblocked.v1', customerId, 4));

    await waitForStanding(customerId, 'active', 4);
    await waitUntil(async () => (await orderOf(orderId))?.status === 'placed', 'order released');
    expect(await orderOf(orderId)).toMatchObject({ holdReason: null });
  });

  it('skips a late block older than the recorded standing, without parking it or holding', async () => {
    const { customerId, orderId } = await activeCustomerWithOrder();
    await writer.send(
      customerEvent('customer.blocked.v1', customerId, 3),
      customerEvent('customer.unblocked.v1', customerId, 4),
    );
    await waitForStanding(customerId, 'active', 4);
    await waitUntil(async () => (await orderOf(orderId))?.status === 'placed', 'order released');

    // The same block again under another event id (e.g. republished): older than version 4.
    const late = customerEvent('customer.blocked.v1', customerId, 3);
    await writer.send(late);
    const marker = `c-${randomUUID()}`;
    await writer.send(customerEvent('customer.registered.v1', marker, 1));
    await waitForStanding(marker, 'pending_kyc', 1);

    expect(await standingOf(customerId)).toEqual({ standing: 'active', version: 4 });
    expect(await orderOf(orderId)).toMatchObject({ status: 'placed' });
    expect((await parkedEvents()).find((event) => event.id === late.id)).toBeUndefined();
  });

  it('parks an event with invalid data and handles the next one', async () => {
    const customerId = `c-${randomUUID()}`;
    const invalid = cloudEvent('/customers', 'customer.blocked.v1', customerId, { reason: 'x' });

    await writer.send(invalid, customerEvent('customer.registered.v1', customerId, 1));

    await waitForStanding(customerId, 'pending_kyc', 1);
    const parked = (await parkedEvents()).find((event) => event.id === invalid.id);
    expect(parked).toMatchObject({
      type: 'customer.blocked.v1',
      status: 'parked',
      reason: { code: 'invalid_data' },
    });
  });
});
