import { AppError } from '@cqrs/framework-core';
import type {
  Collection,
  Db,
  Filter,
  MongoServerError,
  OptionalUnlessRequiredId,
  WithoutId,
} from 'mongodb';
import { duplicateKeyIndex, isDuplicateKeyError, mapMongoError } from '@cqrs/framework-mongo';
import { storeConflictReasons } from './aggregate-store';
import type { ProcessedCommand, VersionedDocument } from './stored-event';
import { findProcessedIn } from './processed-commands';

/**
 * The write model of one aggregate type (DESIGN section 3): one document per aggregate, created
 * by an insert and changed only by full-document replaces guarded by the expected version. Each
 * method is one single-document operation, so no transaction is ever needed.
 */
export interface VersionedRepository<D extends VersionedDocument> {
  readonly collectionName: string;
  /** The current document, or `null` when the aggregate does not exist. */
  find(id: string): Promise<D | null>;
  /**
   * Creates the aggregate. `conflict` with `{ reason: 'already_exists' }` when the id is taken,
   * `{ reason: 'duplicate', index }` when another unique index refuses it.
   */
  insert(doc: D): Promise<void>;
  /**
   * Replaces the whole document if it is still at `expectedVersion`; otherwise `conflict`
   * (retriable) with `{ reason: 'version_mismatch', expectedVersion, actualVersion }`.
   * `doc.version` must be `expectedVersion + 1`: one write, one event.
   */
  replace(doc: D, expectedVersion: number): Promise<void>;
  /** What an earlier run of `commandId` on this aggregate answered, if still remembered. */
  findProcessed(id: string, commandId: string): Promise<ProcessedCommand | undefined>;
}

/**
 * A {@link VersionedRepository} over `db.collection(collection)`. Transient MongoDB failures
 * surface as `AppError('unavailable')` (retriable); duplicate keys as `AppError('conflict')`.
 */
export function createVersionedRepository<D extends VersionedDocument>(
  db: Db,
  collection: string,
): VersionedRepository<D> {
  const documents: Collection<D> = db.collection<D>(collection);
  const byId = (id: string) => ({ _id: id }) as Filter<D>;
  const fail = (error: unknown, operation: string): never => {
    throw mapMongoError(error, `${collection}.${operation}`);
  };

  /** Another unique index (e.g. an email) refused the write: the caller's conflict, for good. */
  const duplicateValue = (error: MongoServerError, id: string) =>
    new AppError('conflict', `${collection} ${id} duplicates a unique value`, {
      retriable: false,
      cause: error,
      details: { reason: 'duplicate', index: duplicateKeyIndex(error) ?? 'unknown', id },
    });

  return {
    collectionName: collection,

    async find(id) {
      const found = await documents.findOne(byId(id)).catch((e: unknown) => fail(e, 'find'));
      return found as D | null;
    },

    async insert(doc) {
      try {
        await documents.insertOne(doc as OptionalUnlessRequiredId<D>);
      } catch (error) {
        if (!isDuplicateKeyError(error)) return fail(error, 'insert');
        if (duplicateKeyIndex(error) === '_id_') {
          throw new AppError('conflict', `${collection} ${doc._id} already exists`, {
            retriable: false,
            cause: error,
            details: { reason: storeConflictReasons.alreadyExists, id: doc._id },
          });
        }
        throw duplicateValue(error, doc._id);
      }
    },

    async replace(doc, expectedVersion) {
      if (doc.version !== expectedVersion + 1) {
        throw new AppError(
          'internal',
          `${collection} ${doc._id}: version ${doc.version} does not follow ${expectedVersion}`,
        );
      }
      const guard = { _id: doc._id, version: expectedVersion } as Filter<D>;
      const { _id: _ignored, ...replacement } = doc;
      const result = await documents
        .replaceOne(guard, replacement as WithoutId<D>)
        .catch((e: unknown) => {
          throw isDuplicateKeyError(e)
            ? duplicateValue(e, doc._id)
            : mapMongoError(e, `${collection}.replace`);
        });
      if (result.matchedCount === 1) return;
      // Only on the conflict path: tell the caller where the document really is, so it can
      // answer 412 for a stale If-Match or reload and decide again.
      const current = await documents
        .findOne(byId(doc._id), { projection: { version: 1 } })
        .catch(() => null);
      throw new AppError(
        'conflict',
        `${collection} ${doc._id} is no longer at ${expectedVersion}`,
        {
          retriable: true,
          details: {
            reason: storeConflictReasons.versionMismatch,
            id: doc._id,
            expectedVersion,
            actualVersion: current?.version ?? null,
          },
        },
      );
    },

    async findProcessed(id, commandId) {
      const found = await documents
        .findOne(byId(id), { projection: { processedCommands: 1 } })
        .catch((e: unknown) => fail(e, 'findProcessed'));
      const list = found?.processedCommands ?? [];
      return findProcessedIn(list, commandId);
    },
  };
}
