import type { ChangeStreamDocument, Db, Document } from 'mongodb';
import type { Logger } from 'pino';
import type { BackoffOptions } from '@cqrs/framework-core';
import type { BatchInfo } from './change-event';

export interface ChangeStreamSubscriberOptions<E extends ChangeStreamDocument> {
  readonly db: Db;
  readonly collection: string;
  /** Checkpoint key: replicas of one role share it, different consumers never do. */
  readonly name: string;
  /**
   * Stages after `$changeStream`; default `writeEventsPipeline` (inserts and replaces).
   * A caller that passes its own should widen `E` to what it lets through.
   */
  readonly pipeline?: Document[];
  /** Must be idempotent per event: after a crash the unacknowledged batch comes again. */
  readonly handle: (batch: E[]) => Promise<void>;
  /** Upper bound of a batch; default 100. */
  readonly maxBatch?: number;
  readonly logger: Logger;
  readonly onBatch?: (info: BatchInfo) => void;
  readonly backoff?: BackoffOptions;
  /** How long one `getMore` waits for events; bounds how long `stop` waits; default 1 s. */
  readonly maxAwaitTimeMS?: number;
  /** Stamps `updatedAt` of the checkpoint; default the system clock. */
  readonly now?: () => Date;
}

export interface ChangeStreamSubscriber {
  readonly name: string;
  /**
   * Opens the stream in the background; resolves once it is open (or the first attempt failed
   * and is being retried). On the very first start of a name, with no checkpoint yet, the stream
   * starts *now* and that position is saved at once: only writes after `start` resolved are seen.
   */
  start(): Promise<void>;
  /** Lets the in-flight batch finish and be checkpointed, then closes the stream. */
  stop(): Promise<void>;
  isRunning(): boolean;
}
