import type { Collection, Db } from 'mongodb';
import type { BatchInfo, ChangeEvent } from '../change-stream/change-event';
import { createChangeStreamSubscriber } from '../change-stream/change-stream-subscriber';
import type { CheckpointDocument } from '../change-stream/checkpoint-store';
import type { ChangeStreamSubscriber } from '../change-stream/subscriber-options';
import { silentLogger, testDatabase } from './test-database';

export type Doc = { _id: string; version: number };
export type Handler = (batch: ChangeEvent<Doc>[]) => Promise<void>;

/** `doc-3@1`: which document at which version an event carries. */
export const idOf = (event: ChangeEvent<Doc>) =>
  `${event.fullDocument?._id}@${event.fullDocument?.version}`;

/** The ids of `doc-from` .. `doc-to` at version 1, as {@link idOf} names them. */
export const ids = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `doc-${from + i}@1`);

/**
 * A database with a `docs` collection, subscribers on it under the name `docs-publisher` (fast
 * backoff and await times), and clean-up of both.
 */
export async function subscriberFixture() {
  const database = await testDatabase();
  const db: Db = database.db;
  const docs: Collection<Doc> = db.collection<Doc>('docs');
  const subscribers: ChangeStreamSubscriber[] = [];
  return {
    db,
    docs,
    url: database.url,
    subscriber(handle: Handler, onBatch?: (info: BatchInfo) => void) {
      const created = createChangeStreamSubscriber<Doc>({
        db,
        collection: 'docs',
        name: 'docs-publisher',
        handle,
        maxBatch: 25,
        logger: silentLogger,
        backoff: { initialMs: 20, maxMs: 200 },
        maxAwaitTimeMS: 200,
        ...(onBatch ? { onBatch } : {}),
      });
      subscribers.push(created);
      return created;
    },
    /** Stops `subscriber` at clean-up, for subscribers a test builds itself. */
    track<S extends ChangeStreamSubscriber>(subscriber: S): S {
      subscribers.push(subscriber);
      return subscriber;
    },
    async insert(from: number, to: number) {
      for (let i = from; i <= to; i++) await docs.insertOne({ _id: `doc-${i}`, version: 1 });
    },
    checkpoint: () =>
      db.collection<CheckpointDocument>('checkpoints').findOne({ _id: 'docs-publisher' }),
    async cleanUp() {
      await Promise.all(subscribers.map((s) => s.stop()));
      await database.drop();
    },
  };
}
