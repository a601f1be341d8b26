import type { Collection, Db, ResumeToken } from 'mongodb';

/** A `checkpoints` document: where the subscriber `_id` resumes. */
export interface CheckpointDocument {
  _id: string;
  token: ResumeToken;
  updatedAt: Date;
}

/** Resume tokens of change-stream subscribers, one document per subscriber name. */
export interface CheckpointStore {
  /** The saved token (a document), or `undefined` when `name` never saved one. */
  load(name: string): Promise<ResumeToken>;
  save(name: string, token: ResumeToken): Promise<void>;
}

/** The `checkpoints` collection of `db`. `now` stamps `updatedAt` (for lag dashboards). */
export function createCheckpointStore(db: Db, now: () => Date): CheckpointStore {
  const checkpoints: Collection<CheckpointDocument> =
    db.collection<CheckpointDocument>('checkpoints');
  return {
    async load(name) {
      const found = await checkpoints.findOne({ _id: name });
      return found?.token;
    },
    async save(name, token) {
      await checkpoints.updateOne(
        { _id: name },
        { $set: { token, updatedAt: now() } },
        { upsert: true },
      );
    },
  };
}
