import type { ServiceRuntime } from '@cqrs/framework-core';
import { createServiceRuntime } from '@cqrs/framework-core';
import { createEventPublisher } from '@cqrs/framework-event-publishing';
import { createEventProducer, createKafka, ensureTopics } from '@cqrs/framework-kafka';
import {
  connectMongo,
  createLease,
  defaultLeaseOwner,
  oneActiveReadiness,
  runWithLease,
} from '@cqrs/framework-mongo';
import { customersCollection } from '@cqrs/customers-shared';
import type { Config } from './config';
import { eventAdminRoutes } from './routes';

/** A started customers-evp: where it listens, and how to stop it (tests stop it in-process). */
export interface RunningApp {
  readonly url: string;
  readonly runtime: ServiceRuntime<Config>;
  stop(): Promise<void>;
}

/**
 * customers-evp: the customers change stream -> CloudEvents on `customers.events.v1` (one
 * active replica, the others on hot standby), plus the event catalog and replays.
 */
export async function start(
  config: Config,
  options: { installSignalHandlers?: boolean } = {},
): Promise<RunningApp> {
  const runtime = createServiceRuntime(config, options);
  const { logger, metrics, lifecycle } = runtime;
  const mongo = await connectMongo({
    url: config.MONGO_URL,
    dbName: config.MONGO_DB,
    appName: config.SERVICE_NAME,
    logger,
  });
  lifecycle.onStop('mongo', () => mongo.close());

  const kafka = createKafka({
    clientId: config.SERVICE_NAME,
    brokers: config.KAFKA_BROKERS,
    logger,
  });
  await ensureTopics(
    kafka,
    [{ topic: config.EVENTS_TOPIC, numPartitions: config.EVENTS_TOPIC_PARTITIONS }],
    {
      logger,
    },
  );
  const admin = kafka.admin();
  await admin.connect();
  lifecycle.onStop('kafka admin', () => admin.disconnect());
  const producer = createEventProducer({
    kafka,
    logger,
    onPublished: (topic, count) => metrics.kafkaPublished.inc({ topic }, count),
  });
  await producer.connect();
  lifecycle.onStop('kafka producer', () => producer.disconnect());

  const publisher = createEventPublisher({
    db: mongo.db,
    collection: customersCollection,
    topic: config.EVENTS_TOPIC,
    source: '/customers',
    producer,
    name: config.SERVICE_NAME,
    logger,
    metrics,
    maxBatch: config.PUBLISH_BATCH_SIZE,
  });
  const lease = createLease({
    db: mongo.db,
    name: config.SERVICE_NAME,
    owner: defaultLeaseOwner(),
    ttlMs: config.LEASE_TTL_MS,
    now: () => new Date(),
    logger,
  });
  const elector = runWithLease(lease, publisher, { logger });
  lifecycle.onStop('event publisher', () => elector.stop());

  const server = await runtime.serve({
    routes: eventAdminRoutes(admin, config.EVENTS_TOPIC),
    readiness: oneActiveReadiness(() => mongo.ping(), elector, publisher),
  });
  return { url: server.url, runtime, stop: () => lifecycle.stop('stop requested') };
}
