import { z } from 'zod';
import type {
  ApiRoute,
  BaseConfig,
  BoundRoute,
  RunningApp,
  ServiceDescriptor,
  StartOptions,
} from '@cqrs/framework-core';
import { bindRoute, createServiceRuntime } from '@cqrs/framework-core';
import type { VersionedDocument } from '@cqrs/framework-command-handling';
import {
  createJobRunner,
  createJobStore,
  jobHandlers,
  jobIndexes,
  jobsGauge,
} from '@cqrs/framework-jobs';
import type { KafkaConfig } from '@cqrs/framework-kafka';
import { connectServiceProducer, createServiceKafka, ensureTopics } from '@cqrs/framework-kafka';
import type { ChangeStreamConfig, MongoConfig } from '@cqrs/framework-mongo';
import {
  changeStreamConfigShape,
  changeStreamPolicies,
  applyIndexes,
  connectServiceMongo,
  oneActiveReadiness,
  runOneActive,
} from '@cqrs/framework-mongo';
import { createEventPublisher } from './event-publisher';
import { eventSnapshotJob, eventSnapshotOutcomes } from './event-snapshot';
import type { PublishingRoutes } from './publishing-routes';
import { rewindConsumerGroup } from './rewind-group';

/** Settings of an `evp` app beyond Mongo and Kafka, to spread into its config schema. */
export const publishingConfigShape = (service: Pick<ServiceDescriptor, 'eventsTopic'>) => ({
  /** The public topic; only tests point it elsewhere, to stay apart from each other. */
  EVENTS_TOPIC: z.string().min(1).default(service.eventsTopic),
  /** Partitions when this app creates the topic (never changed afterwards: keys would move). */
  EVENTS_TOPIC_PARTITIONS: z.coerce.number().int().positive().default(6),
  /** Publishing runs on one replica at a time, holding a lease this long. */
  LEASE_TTL_MS: z.coerce.number().int().positive().default(15_000),
  /** Most events sent to Kafka per change-stream batch. */
  PUBLISH_BATCH_SIZE: z.coerce.number().int().positive().default(500),
  ...changeStreamConfigShape,
});

export type PublishingConfig = BaseConfig &
  MongoConfig &
  KafkaConfig &
  ChangeStreamConfig & {
    readonly EVENTS_TOPIC: string;
    readonly EVENTS_TOPIC_PARTITIONS: number;
    readonly LEASE_TTL_MS: number;
    readonly PUBLISH_BATCH_SIZE: number;
  };

/** What differs between services' `evp` apps. */
export interface PublishingAppSpec {
  /** Its write model (`writeModel`) and the events' `source`. */
  readonly service: Pick<ServiceDescriptor, 'writeModel' | 'source'>;
  /** `GET /<service>/events/types`: answers the catalog. */
  readonly catalogRoute: ApiRoute;
  /** `POST /<service>/events/replays`: body `{ groupId, from }`. */
  readonly replayRoute: ApiRoute;
  /** `POST /<service>/events/snapshots`, its progress and cancel. */
  readonly snapshotRoutes: PublishingRoutes['snapshot'];
  /** The event types with their JSON Schemas (the `topic` is filled in here). */
  readonly catalog: () => { readonly items: readonly unknown[] };
}

/**
 * A service's `evp` app: its write model's change stream -> CloudEvents on its topic (one active
 * replica, the others on hot standby), plus the event catalog, consumer-group replays and
 * snapshots of current state (background jobs any replica may run).
 */
export async function startEventPublishingApp<C extends PublishingConfig>(
  config: C,
  spec: PublishingAppSpec,
  options: StartOptions = {},
): Promise<RunningApp<C>> {
  const runtime = createServiceRuntime(config, options);
  const { logger, metrics, lifecycle } = runtime;
  const mongo = await connectServiceMongo(runtime);
  const kafka = createServiceKafka(runtime);
  const topic = config.EVENTS_TOPIC;
  await ensureTopics(kafka, [{ topic, numPartitions: config.EVENTS_TOPIC_PARTITIONS }], { logger });
  const admin = kafka.admin();
  await admin.connect();
  lifecycle.onStop('kafka admin', () => admin.disconnect());
  const producer = await connectServiceProducer(runtime, kafka);

  const publisher = createEventPublisher({
    db: mongo.db,
    collection: spec.service.writeModel,
    topic,
    source: spec.service.source,
    producer,
    name: config.SERVICE_NAME,
    logger,
    metrics,
    maxBatch: config.PUBLISH_BATCH_SIZE,
    policies: changeStreamPolicies(config, metrics),
  });
  const elector = runOneActive(mongo.db, publisher, {
    name: config.SERVICE_NAME,
    ttlMs: config.LEASE_TTL_MS,
    logger,
  });
  lifecycle.onStop('event publisher', () => elector.stop());

  // Snapshots: every replica runs the job runner; a job is worked on by one at a time.
  const jobs = createJobStore(mongo.db);
  await applyIndexes(mongo.db, jobIndexes(), logger);
  const snapshotJob = eventSnapshotJob({
    collection: mongo.db.collection<Pick<VersionedDocument, '_id' | 'lastEvent'>>(
      spec.service.writeModel,
    ),
    topic,
    source: spec.service.source,
    producer,
  });
  const snapshots = createJobRunner({ db: mongo.db, store: jobs, kind: snapshotJob, logger });
  await snapshots.start();
  lifecycle.onStop('event snapshots', () => snapshots.stop());
  jobsGauge(metrics.registry, jobs, snapshotJob.kind);

  const catalog = { ...spec.catalog(), topic };
  const routes: BoundRoute[] = [
    bindRoute(spec.catalogRoute, () => Promise.resolve({ status: 200, body: catalog })),
    bindRoute(spec.replayRoute, async ({ body, log }) => {
      const { groupId, from } = body as { groupId: string; from: string };
      const partitions = await rewindConsumerGroup(admin, { groupId, topic, from: new Date(from) });
      log.info({ groupId, from, partitions }, 'consumer group rewound');
      return { status: 200, body: { groupId, topic, from, partitions } };
    }),
    ...jobHandlers(spec.snapshotRoutes, snapshots, eventSnapshotOutcomes),
  ];
  return runtime.serve({
    routes,
    readiness: oneActiveReadiness(() => mongo.ping(), elector, publisher),
  });
}
