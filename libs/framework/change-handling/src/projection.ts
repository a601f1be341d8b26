import type { Db } from 'mongodb';
import type { Logger } from '@cqrs/framework-core';
import type { VersionedDocument } from '@cqrs/framework-command-handling';
import type { IndexDeclaration } from '@cqrs/framework-mongo';
import { auditTrailIndexes, createAuditTrail } from './audit-trail';

/**
 * One thing a `chgh` maintains from the write model's change stream: the audit trail, a read
 * model. `apply` gets every written version in commit order and must be idempotent per version:
 * after a crash or a lease hand-over the last batch comes again.
 */
export interface Projection {
  readonly name: string;
  readonly indexes: readonly IndexDeclaration[];
  apply(documents: readonly VersionedDocument[]): Promise<void>;
}

/** The audit trail as a projection into `collection`. */
export function auditTrailProjection(db: Db, collection: string, logger: Logger): Projection {
  const trail = createAuditTrail({ db, collection, logger });
  return { name: 'audit-trail', indexes: auditTrailIndexes(collection), apply: trail.record };
}
