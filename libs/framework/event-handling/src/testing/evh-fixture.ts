import type { Admin, Kafka, Message, Producer } from 'kafkajs';
import type { Db } from 'mongodb';
import { MongoClient } from 'mongodb';
import type { Registry } from 'prom-client';
import type { Logger } from '@cqrs/framework-core';
import { createLogger, createMetrics } from '@cqrs/framework-core';
import { testKafkaBrokers, testMongoUrl, uniqueName } from '@cqrs/framework-core/testing';
import type { CloudEvent } from '@cqrs/framework-kafka';
import { createKafka, ensureTopics, toKafkaMessage } from '@cqrs/framework-kafka';
import type { CommandClient } from '@cqrs/framework-command-client';
import { createCommandClient } from '@cqrs/framework-command-client';
import type { EventHandler } from '../consumer/event-handler';
import { createEventHandler } from '../consumer/event-handler';
import type { ParkedEventStore } from '../parking/parked-event-store';
import { createParkedEventStore } from '../parking/parked-event-store';
import type { RetryPolicy } from '../retry/retry-policy';
import type { EventRoutes } from '../routing/event-routes';
import type { FakeCmdh } from '@cqrs/framework-command-client/testing';
import { startFakeCmdh } from '@cqrs/framework-command-client/testing';
import { testRoutes } from './test-events';

/** Connections one spec file shares; every test still gets its own topic, group and database. */
export interface SharedInfra {
  readonly kafka: Kafka;
  readonly producer: Producer;
  readonly admin: Admin;
  readonly mongo: MongoClient;
  close(): Promise<void>;
}

export async function connectInfra(): Promise<SharedInfra> {
  const kafka = createKafka({
    clientId: 'framework-event-handling-test',
    brokers: testKafkaBrokers.split(','),
    logger: createLogger({ name: 'test-kafka', level: 'silent' }),
  });
  const producer = kafka.producer();
  const admin = kafka.admin();
  const mongo = new MongoClient(testMongoUrl, { serverSelectionTimeoutMS: 5_000 });
  await Promise.all([producer.connect(), admin.connect(), mongo.connect()]);
  return {
    kafka,
    producer,
    admin,
    mongo,
    close: async () => {
      await Promise.all([producer.disconnect(), admin.disconnect(), mongo.close()]);
    },
  };
}

export interface EvhFixture {
  readonly topic: string;
  readonly groupId: string;
  readonly db: Db;
  readonly cmdh: FakeCmdh;
  readonly client: CommandClient;
  readonly store: ParkedEventStore;
  readonly registry: Registry;
  /** A handler on the fixture's topic and group; `newHandler` makes another (a restart). */
  readonly handler: EventHandler;
  newHandler(): EventHandler;
  publish(...messages: (CloudEvent | Message)[]): Promise<void>;
  /** The group's committed offset on partition 0: the next offset it will read; -1 for none. */
  committedOffset(): Promise<number>;
  /** The value of a series of the app registry; 0 when it does not exist (yet). */
  metric(name: string, labels: Readonly<Record<string, string | number>>): Promise<number>;
  cleanUp(): Promise<void>;
}

export interface FixtureOptions {
  readonly retry?: RetryPolicy;
  readonly routes?: EventRoutes;
  readonly logger?: Logger;
}

/** A topic (one partition), group, database, stand-in cmdh and handler of one test. */
export async function evhFixture(
  infra: SharedInfra,
  options: FixtureOptions = {},
): Promise<EvhFixture> {
  const topic = uniqueName('evh-events');
  const groupId = uniqueName('evh-group');
  const logger = options.logger ?? createLogger({ name: 'test-evh', level: 'silent' });
  await ensureTopics(infra.kafka, [{ topic, numPartitions: 1 }]);
  const db = infra.mongo.db(uniqueName('evh'));
  const cmdh = await startFakeCmdh();
  const client = createCommandClient({
    baseUrl: cmdh.url,
    token: () => 'service-token',
    timeoutMs: 2_000,
    logger,
  });
  const store = createParkedEventStore(db);
  const { registry } = createMetrics('test-evh');
  const handlers: EventHandler[] = [];
  const newHandler = () => {
    const handler = createEventHandler({
      kafka: infra.kafka,
      groupId,
      topic,
      routes: options.routes ?? testRoutes,
      client,
      parked: store,
      logger,
      metrics: { registry },
      retry: options.retry ?? { attempts: 5, initialDelayMs: 50, maxDelayMs: 200 },
      // Short fetch waits and heartbeats keep the tests quick; production keeps the defaults.
      consumer: { maxWaitTimeInMs: 100, heartbeatInterval: 500, sessionTimeout: 10_000 },
    });
    handlers.push(handler);
    return handler;
  };
  const handler = newHandler();
  return {
    topic,
    groupId,
    db,
    cmdh,
    client,
    store,
    registry,
    handler,
    newHandler,
    publish: async (...messages) => {
      await infra.producer.send({
        topic,
        messages: messages.map((m) => ('specversion' in m ? toKafkaMessage(m) : m)),
      });
    },
    committedOffset: async () => {
      const [offsets] = await infra.admin.fetchOffsets({ groupId, topics: [topic] });
      return Number(offsets?.partitions.find((p) => p.partition === 0)?.offset ?? -1);
    },
    metric: async (name, labels) => {
      const metric = registry.getSingleMetric(name);
      const values = metric ? (await metric.get()).values : [];
      const wanted = Object.entries(labels).map(([k, v]) => [k, String(v)]);
      const series = values.find((v) =>
        wanted.every(([k, value]) => String((v.labels as Record<string, unknown>)[k!]) === value),
      );
      return series?.value ?? 0;
    },
    cleanUp: async () => {
      await Promise.all(handlers.map((h) => h.stop()));
      client.close();
      await cmdh.close();
      await db.dropDatabase();
      // Topics stay: the shared producer would keep asking for a deleted one's metadata.
    },
  };
}
