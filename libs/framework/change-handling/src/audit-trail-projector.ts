import type { Db } from 'mongodb';
import type { Logger, Metrics } from '@cqrs/framework-core';
import type { VersionedDocument } from '@cqrs/framework-command-handling';
import type { ChangeEvent, ChangeStreamSubscriber } from '@cqrs/framework-mongo';
import { createChangeStreamSubscriber, reportLag } from '@cqrs/framework-mongo';
import { createAuditTrail } from './audit-trail';

export interface AuditTrailProjectorOptions {
  readonly db: Db;
  /** The write-model collection, e.g. `customers`. */
  readonly source: string;
  /** Where the entries go, e.g. `customer_history`. */
  readonly history: string;
  /** Checkpoint name, shared by every replica of the `chgh`. */
  readonly name: string;
  readonly maxBatch?: number;
  readonly logger: Logger;
  readonly metrics: Pick<Metrics, 'changeStreamLag'>;
  readonly now?: () => Date;
}

/**
 * The `chgh` audit-trail pipeline: the write model's change stream -> one history entry per
 * aggregate version. Every insert/replace carries the document that write produced (DESIGN
 * section 3), so nothing is looked up but the previous version's entry; recording is
 * idempotent per version, so a batch replayed after a crash or a lease hand-over is written once.
 */
export function createAuditTrailProjector(
  options: AuditTrailProjectorOptions,
): ChangeStreamSubscriber {
  const logger = options.logger.child({ module: 'audit-trail' });
  const auditTrail = createAuditTrail({ db: options.db, collection: options.history, logger });
  return createChangeStreamSubscriber<VersionedDocument>({
    db: options.db,
    collection: options.source,
    name: options.name,
    maxBatch: options.maxBatch ?? 100,
    logger,
    handle: (batch: ChangeEvent<VersionedDocument>[]) =>
      auditTrail.record(batch.map((change) => change.fullDocument)),
    onBatch: reportLag(options.metrics.changeStreamLag, options.now),
  });
}
