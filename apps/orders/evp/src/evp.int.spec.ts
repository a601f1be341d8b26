import type { Consumer, EachMessagePayload } from 'kafkajs';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import pino from 'pino';
import type { Actor } from '@cqrs/framework-core';
import { createCommandHandler, fingerprintOf } from '@cqrs/framework-command-handling';
import { TEST_JWT_SECRET, testToken, uniqueName } from '@cqrs/framework-core/testing';
import { createVersionedRepository } from '@cqrs/framework-mongo';
import type { OrderCommand, OrderDocument } from '@cqrs/orders-shared';
import {
  eventCatalog,
  fromOrderDocument,
  orderAggregate,
  ordersCollection,
  toOrderDocument,
  toOrderResource,
} from '@cqrs/orders-shared';
import { start } from './app';
import { configSchema } from './config';

const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const client = new MongoClient(mongoUrl);
const kafka = new Kafka({
  clientId: 'orders-evp-spec',
  brokers: brokers.split(','),
  logLevel: logLevel.NOTHING,
});
const consumers: Consumer[] = [];

const shopper: Actor = { sub: 'shopper-7', roles: ['customer'] };
const paymentService: Actor = { sub: 'orders-extevh', roles: ['service'] };
const warehouse: Actor = { sub: 'warehouse-1', roles: ['fulfilment'] };

beforeAll(() => client.connect());
afterAll(async () => {
  await Promise.all(consumers.map((c) => c.disconnect()));
  await client.close();
});

const environment = (dbName: string, topic: string) => ({
  SERVICE_NAME: 'orders-evp',
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'warn',
  MONGO_URL: mongoUrl,
  MONGO_DB: dbName,
  KAFKA_BROKERS: brokers,
  EVENTS_TOPIC: topic,
  EVENTS_TOPIC_PARTITIONS: '3',
  JWT_HS256_SECRET: TEST_JWT_SECRET,
  LEASE_TTL_MS: '3000',
  PUBLISH_BATCH_SIZE: '50',
});

/** Writes order changes exactly as orders-cmdh does: through the command pipeline. */
function orderWriter(dbName: string) {
  const handler = createCommandHandler({
    aggregate: orderAggregate,
    store: createVersionedRepository<OrderDocument>(client.db(dbName), ordersCollection),
    toDocument: toOrderDocument,
    fromDocument: fromOrderDocument,
    respond: (state, version) => ({ status: 200, body: toOrderResource(state, version) }),
    logger: pino({ level: 'silent' }),
  });
  let n = 0;
  return async (command: OrderCommand, actor: Actor) => {
    const result = await handler.execute({
      aggregateId: command.orderId,
      command,
      commandId: `cmd-${++n}`,
      fingerprint: fingerprintOf(command),
      actor,
      correlationId: `corr-${n}`,
    });
    // A refused command would silently write nothing; fail right here instead.
    expect(result.status).toBe(200);
  };
}

/** Collects every message of `topic` from the beginning with an independent consumer group. */
async function collect(topic: string) {
  const received: { key: string; id: string; type: string; sequence: number }[] = [];
  const consumer = kafka.consumer({
    groupId: uniqueName('orders-evp-spec-reader'),
    sessionTimeout: 10_000,
  });
  consumers.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }: EachMessagePayload) => {
      const event = JSON.parse(message.value!.toString()) as {
        id: string;
        type: string;
        sequence: string;
      };
      received.push({
        key: message.key!.toString(),
        id: event.id,
        type: event.type,
        sequence: Number(event.sequence),
      });
      return Promise.resolve();
    },
  });
  return received;
}

async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The publisher saves its first checkpoint as soon as its stream is open. */
const publisherStarted = (dbName: string) =>
  waitUntil(async () => {
    const checkpoint = await client
      .db(dbName)
      .collection('checkpoints')
      .findOne({ _id: 'orders-evp' as never });
    return checkpoint !== null;
  }, 'the publisher has opened its stream');

describe('orders-evp', () => {
  let dbName: string;
  let topic: string;
  let app: Awaited<ReturnType<typeof start>>;

  beforeEach(async () => {
    dbName = uniqueName('orders-evp');
    topic = uniqueName('orders-events');
    app = await start(configSchema.parse(environment(dbName, topic)), {
      installSignalHandlers: false,
    });
  });
  afterEach(async () => {
    await app.stop();
    await client.db(dbName).dropDatabase();
  });

  it('publishes placed, paid and shipped as CloudEvents keyed by order id, in order', async () => {
    // Arrange
    await publisherStarted(dbName);
    const write = orderWriter(dbName);

    // Act
    await write(
      {
        type: 'PlaceOrder',
        orderId: 'o1',
        customerId: 'c1',
        lines: [{ sku: 'BOOK-1', quantity: 2, unitPrice: 1250 }],
        currency: 'EUR',
        customerStanding: 'active',
      },
      shopper,
    );
    await write(
      { type: 'RecordPaymentSucceeded', orderId: 'o1', reference: 'pay-1' },
      paymentService,
    );
    await write({ type: 'ShipOrder', orderId: 'o1' }, warehouse);
    const received = await collect(topic);
    await waitUntil(() => received.length >= 3, 'three events arrived');

    // Assert
    expect(received).toEqual([
      { key: 'o1', id: 'o1:1', type: 'order.placed.v1', sequence: 1 },
      { key: 'o1', id: 'o1:2', type: 'order.paid.v1', sequence: 2 },
      { key: 'o1', id: 'o1:3', type: 'order.shipped.v1', sequence: 3 },
    ]);
  });

  it('lists every order event type with its JSON Schema in the catalog', async () => {
    // Act
    const response = await fetch(`${app.url}/orders/events/types`, {
      headers: { authorization: `Bearer ${await testToken({ sub: 'ops' })}` },
    });

    // Assert
    expect(response.status).toBe(200);
    const catalog = (await response.json()) as {
      topic: string;
      items: { type: string; dataSchema: object }[];
    };
    expect(catalog.topic).toBe(topic);
    expect(catalog.items.map((item) => item.type).sort()).toEqual(
      eventCatalog.map((e) => e.type).sort(),
    );
    expect(catalog.items.map((item) => item.type)).toEqual(
      expect.arrayContaining(['order.placed.v1', 'order.paid.v1', 'order.shipped.v1']),
    );
    expect(catalog.items.every((item) => 'properties' in item.dataSchema)).toBe(true);
  });
});
