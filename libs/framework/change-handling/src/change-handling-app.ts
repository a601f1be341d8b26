import type { Db } from 'mongodb';
import { z } from 'zod';
import type { BaseConfig, Logger, RunningApp, StartOptions } from '@cqrs/framework-core';
import { createServiceRuntime } from '@cqrs/framework-core';
import type { VersionedDocument } from '@cqrs/framework-command-handling';
import type { ChangeEvent, ChangeStreamConfig, MongoConfig } from '@cqrs/framework-mongo';
import {
  applyIndexes,
  changeStreamPolicies,
  connectServiceMongo,
  createChangeStreamSubscriber,
  oneActiveReadiness,
  runOneActive,
  snapshottingChangeStreamConfigShape,
} from '@cqrs/framework-mongo';
import type { Projection } from './projection';
import { rebuildDocumentsCounter } from './rebuild/rebuild-metrics';
import { rebuildHandlers, rebuildableReadModels } from './rebuild/rebuild-handlers';
import type { ReadModelRebuildRoutes } from './rebuild/rebuild-routes';
import { createRebuildStore, rebuildIndexes } from './rebuild/rebuild-store';
import { createRebuildWorker, withRebuilds } from './rebuild/rebuild-worker';

/** Settings of a `chgh` app beyond Mongo, to spread into its config schema. */
export const changeHandlingConfigShape = {
  /**
   * One replica at a time follows the change stream, holding a lease this long; a standby takes
   * over about one ttl after the holder dies, within a third of it after a clean stop. At least
   * 1 s: the leader renews, and steps down before expiry, at thirds of it.
   */
  LEASE_TTL_MS: z.coerce.number().int().min(1_000).default(15_000),
  /** Most changes applied (and checkpointed) together. */
  BATCH_SIZE: z.coerce.number().int().positive().max(10_000).default(100),
  /** How often the leader looks for read-model rebuilds requested or cancelled on any replica. */
  REBUILD_POLL_MS: z.coerce.number().int().min(50).default(1_000),
  /** A pause between a rebuild's scan batches (of `BATCH_SIZE`), to spare the write model. */
  REBUILD_PAUSE_MS: z.coerce.number().int().nonnegative().default(0),
  /**
   * Started after writes, or after its position fell out of the history, it rebuilds its history
   * and read models from the current documents (a snapshot) before following the stream.
   */
  ...snapshottingChangeStreamConfigShape,
};

export type ChangeHandlingConfig = BaseConfig &
  MongoConfig &
  ChangeStreamConfig & {
    readonly LEASE_TTL_MS: number;
    readonly BATCH_SIZE: number;
    readonly REBUILD_POLL_MS: number;
    readonly REBUILD_PAUSE_MS: number;
  };

/**
 * A service's `chgh` app: its write model's change stream -> every projection, in commit order,
 * on one active replica (lease; the others are hot standbys resuming from the shared
 * checkpoint). With `readModelRoutes`, any replica also serves read-model rebuild requests,
 * which the leader works on beside the stream (`createRebuildWorker`).
 */
export async function startChangeHandlingApp<C extends ChangeHandlingConfig>(
  config: C,
  spec: {
    /** The write-model collection, e.g. `customers`. */
    readonly source: string;
    readonly projections: (db: Db, logger: Logger) => readonly Projection[];
    /** The service's read-model rebuild routes, as its shared lib declares them. */
    readonly readModelRoutes?: ReadModelRebuildRoutes;
  },
  options: StartOptions = {},
): Promise<RunningApp<C>> {
  const runtime = createServiceRuntime(config, options);
  const { logger, metrics, lifecycle } = runtime;
  const mongo = await connectServiceMongo(runtime);
  const projections = spec.projections(mongo.db, logger);
  await applyIndexes(
    mongo.db,
    projections.flatMap((p) => p.indexes),
    logger,
  );

  const readModels = rebuildableReadModels(projections, spec.readModelRoutes ?? { readModels: [] });
  const store = createRebuildStore(mongo.db);
  await applyIndexes(mongo.db, rebuildIndexes(), logger);
  const rebuilds = createRebuildWorker({
    db: mongo.db,
    source: spec.source,
    projections,
    readModels,
    store,
    batchSize: config.BATCH_SIZE,
    pollMs: config.REBUILD_POLL_MS,
    pauseMs: config.REBUILD_PAUSE_MS,
    documents: rebuildDocumentsCounter(metrics.registry),
    logger,
  });
  // Every change goes to the projections and to the targets of active rebuilds, in one queue
  // with the rebuilds' scan steps.
  const applyAll = rebuilds.apply;
  // Lease and checkpoint share one name: every replica of this role, and nothing else, uses it.
  const name = `${config.SERVICE_NAME}:${spec.source}`;
  const subscriber = createChangeStreamSubscriber<VersionedDocument>({
    db: mongo.db,
    collection: spec.source,
    name,
    maxBatch: config.BATCH_SIZE,
    logger: logger.child({ module: 'change-handling' }),
    handle: (batch: ChangeEvent<VersionedDocument>[]) =>
      applyAll(
        batch.map((change) => change.fullDocument),
        'stream',
      ),
    // A snapshot is the current documents: each projection takes them as it takes changes.
    snapshot: (documents) => applyAll(documents, 'snapshot'),
    ...changeStreamPolicies(config, metrics),
  });
  metrics.changeStreamLag.track(name, () => subscriber.caughtUpTo());
  const elector = runOneActive(mongo.db, withRebuilds(subscriber, rebuilds), {
    name: name,
    ttlMs: config.LEASE_TTL_MS,
    logger,
  });
  lifecycle.onStop('change stream', () => elector.stop());

  return runtime.serve({
    routes: spec.readModelRoutes
      ? rebuildHandlers(spec.readModelRoutes, readModels, store, mongo.db, spec.source)
      : [],
    readiness: oneActiveReadiness(() => mongo.ping(), elector, subscriber),
  });
}
