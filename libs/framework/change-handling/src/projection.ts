import type { Db } from 'mongodb';
import type { Logger } from '@cqrs/framework-core';
import type { VersionedDocument } from '@cqrs/framework-command-handling';
import type { IndexDeclaration } from '@cqrs/framework-mongo';
import { auditTrailIndexes, createAuditTrail } from './audit-trail';

/**
 * Where documents handed to a projection come from: `stream`, every written version in commit
 * order; `snapshot`, the current documents of a scan (a backfill, a rebuild), whose earlier
 * versions this chgh may never have seen.
 */
export type DocumentOrigin = 'stream' | 'snapshot';

/**
 * One thing a `chgh` maintains from the write model's change stream: the audit trail, a read
 * model. `apply` gets every written version in commit order (or a snapshot's documents) and must
 * be idempotent per version: after a crash or a lease hand-over the last batch comes again.
 */
export interface Projection {
  /** Also the read model's name in the rebuild routes, e.g. `order-stats`. */
  readonly name: string;
  readonly indexes: readonly IndexDeclaration[];
  apply(documents: readonly VersionedDocument[], origin: DocumentOrigin): Promise<void>;
  /**
   * Present on a read model that can be rebuilt from the current write-model documents without
   * downtime (never on the audit trail: history cannot be recomputed from today's state).
   */
  readonly rebuild?: RebuildableReadModel;
}

/**
 * How a read model is rebuilt: the same projection writing into another collection, which then
 * replaces `collection`. Its `apply` must also take a document's versions out of order (a scan
 * may apply a newer version before the stream delivers an older one) and ignore the older.
 */
export interface RebuildableReadModel {
  /** The collection that serves the read model, e.g. `order_stats`. */
  readonly collection: string;
  /** The projection writing into `collection` instead (with its indexes declared there). */
  into(collection: string): Projection;
}

/** The audit trail as a projection into `collection`. */
export function auditTrailProjection(db: Db, collection: string, logger: Logger): Projection {
  const trail = createAuditTrail({ db, collection, logger });
  return { name: 'audit-trail', indexes: auditTrailIndexes(collection), apply: trail.record };
}
