import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { AppError } from '@cqrs/framework-core';
import type { IndexDeclaration } from '@cqrs/framework-mongo';
import { isDuplicateKeyError } from '@cqrs/framework-mongo';
import type { RebuildDocument } from './rebuild';
import { activeRebuildStatuses, rebuildTarget, rebuildsCollection } from './rebuild';

/** One active rebuild per read model (see `slot`); the leader looks for unfinished ones. */
export const rebuildIndexes = (collection = rebuildsCollection): IndexDeclaration[] => [
  { collection, key: { slot: 1 }, name: 'slot', unique: true },
  { collection, key: { status: 1 }, name: 'status' },
];

/** A rebuild to request: what it rebuilds, how many documents it will scan, who asked. */
export interface NewRebuild {
  readonly readModel: string;
  readonly collection: string;
  readonly total: number;
  readonly requestedBy: string;
}

/** The conflict answered when a read model already has an active rebuild. */
const inProgress = (readModel: string, active: string | undefined) =>
  new AppError('conflict', `${readModel} is already being rebuilt`, {
    details: { reason: 'rebuild_in_progress', activeRebuild: active ?? null },
  });

/**
 * `read_model_rebuilds` of `db`: every method is a single-document write or a read, each
 * transition conditional on the status it leaves, so the routes (any replica) and the leader's
 * worker never overwrite each other's decision (a cancel racing the switch: one of them wins).
 */
export function createRebuildStore(db: Db, now: () => Date = () => new Date()) {
  const rebuilds = db.collection<RebuildDocument>(rebuildsCollection);
  const end = (id: string) => ({ slot: id, finishedAt: now(), updatedAt: now() });

  return {
    rebuilds,
    /** @throws AppError conflict (`rebuild_in_progress`) when one is active already. */
    async request(rebuild: NewRebuild): Promise<RebuildDocument> {
      const id = randomUUID();
      const at = now();
      const document: RebuildDocument = {
        _id: id,
        ...rebuild,
        target: rebuildTarget(rebuild.collection, id),
        status: 'building',
        slot: rebuild.readModel,
        after: null,
        documents: 0,
        startedAt: at,
        updatedAt: at,
        finishedAt: null,
        cancelledBy: null,
        error: null,
      };
      try {
        await rebuilds.insertOne(document);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const active = await rebuilds.findOne({ slot: rebuild.readModel });
        throw inProgress(rebuild.readModel, active?._id);
      }
      return document;
    },
    get: (readModel: string, id: string) => rebuilds.findOne({ _id: id, readModel }),
    /** What the leader has to work on: active rebuilds, and cancelled ones whose target remains. */
    unfinished: () =>
      rebuilds
        .find({
          $or: [
            { status: { $in: [...activeRebuildStatuses] } },
            { status: 'cancelled', finishedAt: null },
          ],
        })
        .sort({ startedAt: 1 })
        .toArray(),
    /** Moves the scan past `after`; `false` when the rebuild is no longer building. */
    async progress(id: string, after: unknown, documents: number): Promise<boolean> {
      const result = await rebuilds.updateOne(
        { _id: id, status: 'building' },
        { $set: { after, documents, updatedAt: now() } },
      );
      return result.matchedCount === 1;
    },
    /** The scan is done; `false` when it was cancelled first. */
    async switching(id: string): Promise<boolean> {
      const result = await rebuilds.updateOne(
        { _id: id, status: 'building' },
        { $set: { status: 'switching', updatedAt: now() } },
      );
      return result.matchedCount === 1;
    },
    async completed(id: string): Promise<void> {
      await rebuilds.updateOne(
        { _id: id, status: 'switching' },
        { $set: { status: 'completed', ...end(id) } },
      );
    },
    async failed(id: string, error: string): Promise<void> {
      await rebuilds.updateOne(
        { _id: id, status: { $in: [...activeRebuildStatuses] } },
        { $set: { status: 'failed', error, ...end(id) } },
      );
    },
    /** Frees the slot at once; the leader drops the target and then sets `finishedAt`. */
    cancel: (readModel: string, id: string, by: string) =>
      rebuilds.findOneAndUpdate(
        { _id: id, readModel, status: 'building' },
        { $set: { status: 'cancelled', slot: id, cancelledBy: by, updatedAt: now() } },
        { returnDocument: 'after' },
      ),
    async targetDropped(id: string): Promise<void> {
      await rebuilds.updateOne(
        { _id: id, status: 'cancelled', finishedAt: null },
        { $set: { finishedAt: now(), updatedAt: now() } },
      );
    },
  };
}

export type RebuildStore = ReturnType<typeof createRebuildStore>;
