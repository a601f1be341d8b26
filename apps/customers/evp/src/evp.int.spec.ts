import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Consumer, EachMessagePayload } from 'kafkajs';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import pino from 'pino';
import { createCommandHandler, fingerprintOf } from '@cqrs/framework-command-handling';
import { TEST_JWT_SECRET, testToken, uniqueName } from '@cqrs/framework-core/testing';
import { createVersionedRepository } from '@cqrs/framework-mongo';
import type { CustomerCommand, CustomerDocument } from '@cqrs/customers-shared';
import {
  customerAggregate,
  customersCollection,
  eventCatalog,
  fromDocument,
  toCustomerResource,
  toDocument,
} from '@cqrs/customers-shared';
import { start } from './app';
import { configSchema } from './config';

const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const client = new MongoClient(mongoUrl);
const kafka = new Kafka({
  clientId: 'evp-spec',
  brokers: brokers.split(','),
  logLevel: logLevel.NOTHING,
});
const consumers: Consumer[] = [];

beforeAll(() => client.connect());
afterAll(async () => {
  await Promise.all(consumers.map((c) => c.disconnect()));
  await client.close();
});

const environment = (dbName: string, topic: string) => ({
  SERVICE_NAME: 'customers-evp',
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'warn',
  MONGO_URL: mongoUrl,
  MONGO_DB: dbName,
  KAFKA_BROKERS: brokers,
  EVENTS_TOPIC: topic,
  EVENTS_TOPIC_PARTITIONS: '3',
  JWT_HS256_SECRET: TEST_JWT_SECRET,
  // A killed holder's lease must lapse quickly for the restarted process to take over.
  LEASE_TTL_MS: '3000',
  PUBLISH_BATCH_SIZE: '50',
});

/** Writes customer changes exactly as customers-cmdh does: through the command pipeline. */
function customerWriter(dbName: string) {
  const handler = createCommandHandler({
    aggregate: customerAggregate,
    store: createVersionedRepository<CustomerDocument>(client.db(dbName), customersCollection),
    toDocument,
    fromDocument,
    respond: (state, version) => ({ status: 200, body: toCustomerResource(state, version) }),
    logger: pino({ level: 'silent' }),
  });
  let n = 0;
  return (command: CustomerCommand) =>
    handler.execute({
      aggregateId: command.customerId,
      command,
      commandId: `cmd-${++n}`,
      fingerprint: fingerprintOf(command),
      actor: { sub: 'spec', roles: ['risk'] },
      correlationId: `corr-${n}`,
    });
}

/** Collects every message of `topic` from the beginning with an independent consumer group. */
async function collect(topic: string) {
  const received: { key: string; id: string; sequence: number }[] = [];
  const consumer = kafka.consumer({
    groupId: uniqueName('evp-spec-reader'),
    sessionTimeout: 10_000,
  });
  consumers.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }: EachMessagePayload) => {
      const event = JSON.parse(message.value!.toString()) as { id: string; sequence: string };
      received.push({
        key: message.key!.toString(),
        id: event.id,
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
      .findOne({ _id: 'customers-evp' as never });
    return checkpoint !== null;
  }, 'the publisher has opened its stream');

/** Runs the real app as its own process, so it can be killed without any chance to clean up. */
function spawnEvp(env: Record<string, string>): ChildProcess {
  const root = path.resolve(__dirname, '../../../..');
  return spawn(process.execPath, ['--import', 'tsx', 'apps/customers/evp/src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.base.json') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
  );

describe('customers-evp', () => {
  it('publishes every change as a CloudEvent keyed by customer id, in per-customer order', async () => {
    const dbName = uniqueName('customers-evp');
    const topic = uniqueName('customers-events');
    const app = await start(configSchema.parse(environment(dbName, topic)), {
      installSignalHandlers: false,
    });
    try {
      await publisherStarted(dbName);
      const write = customerWriter(dbName);
      await write({
        type: 'RegisterCustomer',
        customerId: 'c1',
        name: 'Ann',
        email: 'ann@example.com',
      });
      await write({ type: 'ApproveKyc', customerId: 'c1' });
      await write({ type: 'BlockCustomer', customerId: 'c1', reason: 'chargebacks' });

      const received = await collect(topic);
      await waitUntil(() => received.length >= 3, 'three events arrived');

      expect(received).toEqual([
        { key: 'c1', id: 'c1:1', sequence: 1 },
        { key: 'c1', id: 'c1:2', sequence: 2 },
        { key: 'c1', id: 'c1:3', sequence: 3 },
      ]);
      const catalog = (await (
        await fetch(`${app.url}/customers/events/types`, {
          headers: { authorization: `Bearer ${await testToken({ sub: 'ops' })}` },
        })
      ).json()) as { topic: string; items: { type: string; dataSchema: object }[] };
      expect(catalog.topic).toBe(topic);
      expect(catalog.items.map((item) => item.type).sort()).toEqual(
        eventCatalog.map((e) => e.type).sort(),
      );
      expect(catalog.items.every((item) => 'properties' in item.dataSchema)).toBe(true);
    } finally {
      await app.stop();
    }
  });

  it('killed with SIGKILL in the middle of 1,000 changes, publishes every one of them after a restart', async () => {
    const dbName = uniqueName('customers-evp');
    const topic = uniqueName('customers-events');
    const env = environment(dbName, topic);
    let evp = spawnEvp(env);
    await publisherStarted(dbName);
    const received = await collect(topic);

    // 100 customers x 10 versions = 1,000 changes; kill the publisher once some are out.
    const write = customerWriter(dbName);
    const expected: string[] = [];
    let killed = false;
    for (let version = 1; version <= 10; version++) {
      for (let c = 0; c < 100; c++) {
        const customerId = `c${c}`;
        await write(
          version === 1
            ? { type: 'RegisterCustomer', customerId, name: `n${c}-1`, email: `c${c}@example.com` }
            : { type: 'UpdateContactDetails', customerId, name: `n${c}-${version}` },
        );
        expected.push(`${customerId}:${version}`);
      }
      if (!killed && received.length > 0) {
        evp.kill('SIGKILL');
        await exited(evp);
        killed = true;
      }
    }
    if (!killed) {
      evp.kill('SIGKILL');
      await exited(evp);
    }
    const beforeRestart = new Set(received.map((r) => r.id)).size;
    evp = spawnEvp(env);
    try {
      await waitUntil(
        () => new Set(received.map((r) => r.id)).size >= 1000,
        'every event arrived',
        120_000,
      );
    } finally {
      evp.kill('SIGTERM');
      await exited(evp);
    }

    expect(beforeRestart).toBeLessThan(1000);
    expect(new Set(received.map((r) => r.id))).toEqual(new Set(expected));
    // Redelivery after the crash may repeat events, but never out of order within a customer.
    for (let c = 0; c < 100; c++) {
      const sequences = received.filter((r) => r.key === `c${c}`).map((r) => r.sequence);
      const firstSeen = sequences.filter((s, i) => sequences.indexOf(s) === i);
      expect(firstSeen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
  });

  it('rewinds an idle consumer group to a point in time and refuses while the group is running', async () => {
    const dbName = uniqueName('customers-evp');
    const topic = uniqueName('customers-events');
    const app = await start(configSchema.parse(environment(dbName, topic)), {
      installSignalHandlers: false,
    });
    const operator = `Bearer ${await testToken({ sub: 'ops', roles: ['operator'] })}`;
    const groupId = uniqueName('evp-spec-group');
    const replay = (from: string) =>
      fetch(`${app.url}/customers/events/replays`, {
        method: 'POST',
        headers: { authorization: operator, 'content-type': 'application/json' },
        body: JSON.stringify({ groupId, from }),
      });
    try {
      await publisherStarted(dbName);
      const write = customerWriter(dbName);
      await write({
        type: 'RegisterCustomer',
        customerId: 'early',
        name: 'Early',
        email: 'e@example.com',
      });
      await new Promise((resolve) => setTimeout(resolve, 1100)); // Kafka timestamps are in ms
      const between = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await write({
        type: 'RegisterCustomer',
        customerId: 'late',
        name: 'Late',
        email: 'l@example.com',
      });

      const seen: string[] = [];
      const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000 });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: ({ message }) => {
          seen.push(message.key!.toString());
          return Promise.resolve();
        },
      });
      await waitUntil(() => seen.length >= 2, 'the group read both events');
      const whileRunning = await replay(between);
      expect(whileRunning.status).toBe(409);
      expect(await whileRunning.json()).toMatchObject({ reason: 'group_active' });
      await consumer.disconnect();

      const rewound = await replay(between);
      expect(rewound.status).toBe(200);

      const again: string[] = [];
      const rejoined = kafka.consumer({ groupId, sessionTimeout: 10_000 });
      consumers.push(rejoined);
      await rejoined.connect();
      await rejoined.subscribe({ topic });
      await rejoined.run({
        eachMessage: ({ message }) => {
          again.push(message.key!.toString());
          return Promise.resolve();
        },
      });
      await waitUntil(() => again.length >= 1, 'the rewound group re-read from the given time');
      expect(again).toEqual(['late']);
      const forbidden = await fetch(`${app.url}/customers/events/replays`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await testToken({ sub: 'eve' })}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ groupId, from: between }),
      });
      expect(forbidden.status).toBe(403);
    } finally {
      await app.stop();
    }
  });
});
