import type { Consumer, Kafka } from 'kafkajs';
import type { Db } from 'mongodb';
import type { RunningApp } from '@cqrs/framework-core';
import type { SpawnedApp, TestedApp } from '@cqrs/framework-core/testing';
import {
  freePort,
  spawnApp,
  startInProcess,
  testAppEnv,
  uniqueName,
  waitUntil,
} from '@cqrs/framework-core/testing';
import { collect, testKafka } from '@cqrs/framework-kafka/testing';
import type { CheckpointDocument } from '@cqrs/framework-mongo';
import { testDatabase } from '@cqrs/framework-mongo/testing';
import type { PublishingConfig } from '../publishing-app';

/** What differs between services' `evp` tests. */
export interface EvpUnderTestSpec<C extends PublishingConfig> {
  readonly evp: TestedApp<C>;
  /** Its entry point, e.g. `apps/orders/evp/src/main.ts`, for tests that kill the process. */
  readonly main: string;
}

/** An event as it arrived on the topic. */
export interface PublishedEvent {
  /** The Kafka message key: the aggregate id. */
  readonly key: string;
  readonly id: string;
  readonly type: string;
  readonly sequence: number;
  /** The `snapshot` extension: the snapshot that published it again, if one did. */
  readonly snapshot?: string;
}

/** A service's `evp` on a database and a topic of its own; see {@link evpUnderTest}. */
export interface EvpUnderTest<C extends PublishingConfig> {
  readonly db: Db;
  /** The topic it publishes to (three partitions). */
  readonly topic: string;
  readonly kafka: Kafka;
  /** Starts the `evp` in this process. */
  readonly start: () => Promise<RunningApp<C>>;
  /** Runs the `evp` as a process of its own (so it can be killed), until it is ready. */
  readonly spawn: () => Promise<SpawnedApp>;
  /** Until a publisher has opened its change stream (it saves its first checkpoint then). */
  readonly publisherStarted: () => Promise<void>;
  /**
   * Reads the topic from the beginning with a consumer group of its own; the function returns
   * the events that arrived so far, in arrival order.
   */
  readonly published: () => Promise<() => PublishedEvent[]>;
  /** A connected consumer of the topic in `groupId`, disconnected at clean-up. */
  readonly consumer: (groupId: string) => Promise<Consumer>;
  /** Stops every app and consumer and drops the database. */
  readonly cleanUp: () => Promise<void>;
}

/**
 * A fresh database and topic for one `evp` test, with a short lease (a killed holder's lapses
 * quickly) and small batches. The test writes to the database the way `cmdh` does (see
 * `pipelineWriter`) and reads what was published.
 */
export async function evpUnderTest<C extends PublishingConfig>(
  spec: EvpUnderTestSpec<C>,
): Promise<EvpUnderTest<C>> {
  const { service } = spec.evp;
  const database = await testDatabase(service);
  const topic = uniqueName(`${service}-events`);
  const kafka = testKafka(`${service}-test`);
  const env = {
    MONGO_DB: database.name,
    EVENTS_TOPIC: topic,
    EVENTS_TOPIC_PARTITIONS: '3',
    LEASE_TTL_MS: '3000',
    PUBLISH_BATCH_SIZE: '50',
    LOG_LEVEL: 'warn',
  };
  const stoppers: (() => Promise<void>)[] = [];

  return {
    db: database.db,
    topic,
    kafka,
    async start() {
      const app = await startInProcess(spec.evp, env);
      stoppers.push(() => app.stop());
      return app;
    },
    async spawn() {
      const app = spawnApp(
        spec.main,
        testAppEnv(service, { ...env, PORT: String(await freePort()) }),
      );
      stoppers.push(() => app.stop());
      await app.ready();
      return app;
    },
    publisherStarted: () =>
      waitUntil(
        async () =>
          (await database.db
            .collection<CheckpointDocument>('checkpoints')
            .countDocuments({ _id: service })) === 1,
        'the publisher has opened its stream',
      ),
    async published() {
      const { consumer, received } = await collect(kafka, topic);
      stoppers.push(() => consumer.disconnect());
      return () =>
        received.map((message) => {
          const event = JSON.parse(message.value) as {
            id: string;
            type: string;
            sequence: string;
            snapshot?: string;
          };
          return {
            key: message.key,
            id: event.id,
            type: event.type,
            sequence: Number(event.sequence),
            ...(event.snapshot === undefined ? {} : { snapshot: event.snapshot }),
          };
        });
    },
    async consumer(groupId) {
      const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000 });
      stoppers.push(() => consumer.disconnect());
      await consumer.connect();
      return consumer;
    },
    async cleanUp() {
      try {
        for (const stop of stoppers.splice(0).reverse()) await stop();
      } finally {
        await database.drop();
      }
    },
  };
}
