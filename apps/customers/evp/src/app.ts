import type { RunningApp } from '@cqrs/framework-core';
import { createServiceRuntime } from '@cqrs/framework-core';
import { createEventPublisher } from '@cqrs/framework-event-publishing';
import { connectServiceProducer, createServiceKafka, ensureTopics } from '@cqrs/framework-kafka';
import {
  connectServiceMongo,
  createLease,
  defaultLeaseOwner,
  oneActiveReadiness,
  runWithLease,
} from '@cqrs/framework-mongo';
import { customersCollection } from '@cqrs/customers-shared';
import type { Config } from './config';
import { eventAdminRoutes } from './routes';

/**
 * customers-evp: the customers change stream -> CloudEvents on `customers.events.v1` (one
 * active replica, the others on hot standby), plus the event catalog and replays.
 */
export async function start(
  config: Config,
  options: { installSignalHandlers?: boolean } = {},
): Promise<RunningApp<Config>> {
  const runtime = createServiceRuntime(config, options);
  const { logger, metrics, lifecycle } = runtime;
  const mongo = await connectServiceMongo(runtime);

  const kafka = createServiceKafka(runtime);
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
  const producer = await connectServiceProducer(runtime, kafka);

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

  return runtime.serve({
    routes: eventAdminRoutes(admin, config.EVENTS_TOPIC),
    readiness: oneActiveReadiness(() => mongo.ping(), elector, publisher),
  });
}
