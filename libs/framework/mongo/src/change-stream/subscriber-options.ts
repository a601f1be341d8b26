import type { ChangeStreamDocument, Db, Document } from 'mongodb';
import type { Logger } from 'pino';
import type { BackoffOptions } from '@cqrs/framework-core';
import type { BatchInfo } from './change-event';

/**
 * Where a subscriber that has no checkpoint yet starts: `now` sees only writes after its first
 * start; `snapshot` first hands every current document to `snapshot`, then follows the stream
 * from a position taken before that scan (a write during the scan may come twice, never zero
 * times).
 */
export type InitialPosition = 'now' | 'snapshot';

/**
 * What a subscriber does when its checkpoint is no longer in the server's history (MongoDB's
 * ChangeStreamHistoryLost, 286): the changes since then cannot be streamed any more.
 * - `fail`: keep failing (error log, metric, backoff) until an operator decides;
 * - `now`: accept the gap and continue from the current position;
 * - `snapshot`: backfill from the current documents, then continue (as `initial: 'snapshot'`).
 */
export type HistoryLostPolicy = 'fail' | 'now' | 'snapshot';

/** Reported each time a subscriber finds its position lost, before applying its policy. */
export interface HistoryLostInfo {
  readonly name: string;
  readonly policy: HistoryLostPolicy;
  /** When the lost checkpoint was saved, if known. */
  readonly checkpointAt: Date | undefined;
}

export interface ChangeStreamSubscriberOptions<
  E extends ChangeStreamDocument,
  T extends Document = Document,
> {
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
  /** Where to start without a checkpoint; default `now`. `snapshot` needs `snapshot`. */
  readonly initial?: InitialPosition;
  /** What to do when the checkpoint fell out of the history; default `fail`. */
  readonly historyLost?: HistoryLostPolicy;
  /**
   * Takes current documents of the collection, in `_id` order and batches of `maxBatch`, during
   * a snapshot. Must be idempotent: a crash repeats the unfinished batch, and writes made during
   * the scan also come through the stream afterwards.
   */
  readonly snapshot?: (documents: T[]) => Promise<void>;
  /**
   * On a quiet collection, how often the position the server reports after an empty wait is
   * saved, so a restart after a long idle period resumes near now and not from a checkpoint
   * the history may have dropped; default 10 s. It only moves over writes the pipeline skips.
   */
  readonly idleCheckpointMs?: number;
  readonly onHistoryLost?: (info: HistoryLostInfo) => void;
}

export interface ChangeStreamSubscriber {
  readonly name: string;
  /**
   * Opens the stream in the background; resolves once it is open (or a snapshot began, or the
   * first attempt failed and is being retried). On the very first start of a name, with no
   * checkpoint yet and `initial: 'now'`, the stream starts *now* and that position is saved at
   * once: only writes after `start` resolved are seen.
   */
  start(): Promise<void>;
  /** Lets the in-flight batch finish and be checkpointed, then closes the stream. */
  stop(): Promise<void>;
  /** From when `start` resolved until `stop` returned. */
  isRunning(): boolean;
  /**
   * Every write committed before this time has been handled, as far as this running subscriber
   * knows (its checkpoint's time on opening, then each empty wait or batch); undefined when not
   * running. The base of the `change_stream_lag_seconds` gauge.
   */
  caughtUpTo(): Date | undefined;
}
