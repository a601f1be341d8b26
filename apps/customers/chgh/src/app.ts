import type { RunningApp } from '@cqrs/framework-core';
import { createServiceRuntime } from '@cqrs/framework-core';
import { auditTrailIndexes, createAuditTrailProjector } from '@cqrs/framework-change-handling';
import {
  applyIndexes,
  connectServiceMongo,
  createLease,
  defaultLeaseOwner,
  oneActiveReadiness,
  runWithLease,
} from '@cqrs/framework-mongo';
import { customerHistoryCollection, customersCollection } from '@cqrs/customers-shared';
import type { Config } from './config';

/**
 * customers-chgh: the customer audit trail from the `customers` change stream. One replica at a
 * time streams (lease); the others are hot standbys that resume from the shared checkpoint.
 * Serves only the probes.
 */
export async function start(
  config: Config,
  options: { installSignalHandlers?: boolean } = {},
): Promise<RunningApp<Config>> {
  const runtime = createServiceRuntime(config, options);
  const { logger, metrics, lifecycle } = runtime;
  const mongo = await connectServiceMongo(runtime);
  await applyIndexes(mongo.db, auditTrailIndexes(customerHistoryCollection), logger);

  // Lease and checkpoint share one name: every replica of this role, and nothing else, uses it.
  const name = `${config.SERVICE_NAME}:customer-history`;
  const history = createAuditTrailProjector({
    db: mongo.db,
    source: customersCollection,
    history: customerHistoryCollection,
    name,
    maxBatch: config.BATCH_SIZE,
    logger,
    metrics,
  });
  const lease = createLease({
    db: mongo.db,
    name,
    owner: defaultLeaseOwner(),
    ttlMs: config.LEASE_TTL_MS,
    now: () => new Date(),
    logger,
  });
  const elector = runWithLease(lease, history, { logger });
  lifecycle.onStop('customer history stream', () => elector.stop());

  return runtime.serve({
    routes: [],
    readiness: oneActiveReadiness(() => mongo.ping(), elector, history),
  });
}
