import type { Collection, Db, ResumeToken } from 'mongodb';

/**
 * A backfill in progress: the current documents, read in `_id` order, are being handed to the
 * subscriber's snapshot handler. `after` is the `_id` of the last document handled (`null`
 * before the first), so a crash resumes the scan there; the stream then resumes from the
 * checkpoint's token, which was taken before the scan began.
 */
export interface SnapshotProgress {
  readonly after: unknown;
  readonly documents: number;
  readonly startedAt: Date;
}

/** A `checkpoints` document: where the subscriber `_id` resumes. */
export interface CheckpointDocument {
  _id: string;
  token: ResumeToken;
  updatedAt: Date;
  /** Present while a snapshot (initial backfill or recovery) is not finished. */
  snapshot?: SnapshotProgress;
}

/** Resume tokens of change-stream subscribers, one document per subscriber name. */
export interface CheckpointStore {
  /** The checkpoint of `name`, or `null` when it never saved one. */
  load(name: string): Promise<CheckpointDocument | null>;
  /** Moves the position of `name` to `token` (a snapshot in progress is kept). */
  save(name: string, token: ResumeToken): Promise<void>;
  /** Starts (or advances) a snapshot that ends at `token`; `after` is its scan position. */
  saveSnapshot(name: string, token: ResumeToken, progress: SnapshotProgress): Promise<void>;
  /** The snapshot of `name` is done: from now on only the token counts. */
  finishSnapshot(name: string): Promise<void>;
}

/** The `checkpoints` collection of `db`. `now` stamps `updatedAt` (for lag dashboards). */
export function createCheckpointStore(db: Db, now: () => Date): CheckpointStore {
  const checkpoints: Collection<CheckpointDocument> =
    db.collection<CheckpointDocument>('checkpoints');
  return {
    load: (name) => checkpoints.findOne({ _id: name }),
    async save(name, token) {
      await checkpoints.updateOne(
        { _id: name },
        { $set: { token, updatedAt: now() } },
        { upsert: true },
      );
    },
    async saveSnapshot(name, token, snapshot) {
      await checkpoints.updateOne(
        { _id: name },
        { $set: { token, snapshot, updatedAt: now() } },
        { upsert: true },
      );
    },
    async finishSnapshot(name) {
      await checkpoints.updateOne({ _id: name }, { $unset: { snapshot: '' } });
    },
  };
}
