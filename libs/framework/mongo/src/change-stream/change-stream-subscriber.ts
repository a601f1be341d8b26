import type { ChangeStream, ChangeStreamDocument, Document, Filter, ResumeToken } from 'mongodb';
import { BSON, Long, MongoServerError } from 'mongodb';
import { backgroundLoop, backoffDelay, defaultBackoff, sleep } from '@cqrs/framework-core';
import type { ChangeEvent } from './change-event';
import { clusterTimeOf, writeEventsPipeline } from './change-event';
import type { CheckpointDocument, SnapshotProgress } from './checkpoint-store';
import { createCheckpointStore } from './checkpoint-store';
import { collectBatch } from './collect-batch';
import type { ChangeStreamSubscriber, ChangeStreamSubscriberOptions } from './subscriber-options';

/** MongoDB's ChangeStreamHistoryLost: the resume point is no longer in the oplog. */
export const isHistoryLost = (error: unknown): boolean =>
  error instanceof MongoServerError &&
  (error.code === 286 || error.codeName === 'ChangeStreamHistoryLost');

const keyOf = (token: ResumeToken) => BSON.EJSON.stringify(token);

/**
 * Feeds a collection's change stream to `handle` in batches, at least once and in commit order
 * (DESIGN section 4). The resume token of a batch is saved in `checkpoints` only after `handle`
 * resolved, so a crash replays the unacknowledged batch. If `handle` or the stream fails, the
 * subscriber logs, backs off with jitter and re-opens from the last checkpoint: it never skips,
 * unless its position fell out of the server's history and its `historyLost` policy says so.
 *
 * On a quiet collection the checkpoint still follows the server's position (`idleCheckpointMs`),
 * and a subscriber may begin, or recover, with a snapshot of the current documents, resumable
 * from its progress in the checkpoint.
 *
 * Run it on one replica at a time (`runWithLease`); two subscribers with one name would both
 * deliver every event.
 */
export function createChangeStreamSubscriber<
  T extends Document = Document,
  E extends ChangeStreamDocument<T> = ChangeEvent<T>,
>(options: ChangeStreamSubscriberOptions<E, T>): ChangeStreamSubscriber {
  const { db, name, handle, onBatch, maxBatch = 100, maxAwaitTimeMS = 1_000 } = options;
  const { initial = 'now', historyLost = 'fail', idleCheckpointMs = 10_000 } = options;
  const snapshot = options.snapshot;
  if ((initial === 'snapshot' || historyLost === 'snapshot') && !snapshot) {
    throw new Error(`change stream ${name}: a snapshot policy needs a snapshot handler`);
  }
  const pipeline = options.pipeline ?? writeEventsPipeline;
  const now = options.now ?? (() => new Date());
  const checkpoints = createCheckpointStore(db, now);
  const collection = db.collection<T>(options.collection);
  const log = options.logger.child({ module: 'change-stream', subscriber: name });
  // Consecutive failures without an acknowledged batch in between: drives the backoff.
  let failures = 0;
  // The position this process last saved (or loaded), to save an idle position only if it moved.
  let saved: { key: string; at: number } | undefined;
  // See `caughtUpTo`: set while running, cleared when the run ends.
  let reached: Date | undefined;

  async function savePosition(token: ResumeToken): Promise<void> {
    await checkpoints.save(name, token);
    saved = { key: keyOf(token), at: Date.now() };
  }

  async function consume(stream: ChangeStream<T, E>, stop: AbortSignal, first: E | null) {
    // After an empty wait the stream's token is the server's position past skipped writes.
    const idle = async () => {
      reached = now();
      const token = stream.resumeToken;
      if (!token || saved?.key === keyOf(token)) return;
      if (saved && Date.now() - saved.at < idleCheckpointMs) return;
      await savePosition(token);
    };
    let pending = first;
    while (!stop.aborted) {
      const batch = await collectBatch(stream, pending, maxBatch, stop, idle);
      pending = null;
      const last = batch.at(-1);
      if (!last) continue;
      await handle(batch);
      // Deliberately not interrupted by `stop`: a handled batch is always acknowledged.
      await savePosition(last._id);
      failures = 0;
      const lastClusterTime = clusterTimeOf(last);
      if (lastClusterTime && (!reached || lastClusterTime > reached)) reached = lastClusterTime;
      onBatch?.({ name, count: batch.length, lastClusterTime });
    }
  }

  /**
   * Records a snapshot as begun, ending at the server's position now: every write after it comes
   * through the stream, every write before it is in the scan that follows. The position is the
   * one a stream opened now reports before its first `getMore`: a `getMore` would wait for writes
   * and move past them, and a document they created could change again before the scan reads it,
   * leaving that version nowhere.
   */
  async function beginSnapshot(): Promise<void> {
    const token = await positionNow();
    await checkpoints.saveSnapshot(name, token, { after: null, documents: 0, startedAt: now() });
    log.info('snapshot begun');
  }

  /** The `postBatchResumeToken` of an `aggregate` that opens a stream, which is then killed. */
  async function positionNow(): Promise<ResumeToken> {
    for (let attempt = 1; ; attempt++) {
      const reply = await db.command({
        aggregate: options.collection,
        pipeline: [{ $changeStream: {} }, ...pipeline],
        cursor: {},
      });
      const cursor = reply.cursor as {
        id: Long | number;
        firstBatch: unknown[];
        postBatchResumeToken?: ResumeToken;
      };
      if (Number(cursor.id) !== 0) {
        const id = typeof cursor.id === 'number' ? Long.fromNumber(cursor.id) : cursor.id;
        await db.command({ killCursors: options.collection, cursors: [id] }).catch(() => undefined);
      }
      // MongoDB answers an opening aggregate with no events; should a server return some, the
      // position after them is too late, so ask again.
      if (cursor.postBatchResumeToken && cursor.firstBatch.length === 0) {
        return cursor.postBatchResumeToken;
      }
      if (attempt === 5) throw new Error('the server reported no position to take a snapshot at');
    }
  }

  /** Hands the documents after the snapshot's scan position over; `false` if stopped first. */
  async function continueSnapshot(
    checkpoint: CheckpointDocument,
    progress: SnapshotProgress,
    stop: AbortSignal,
    handleDocuments: (documents: T[]) => Promise<void>,
  ): Promise<boolean> {
    let { after, documents } = progress;
    while (!stop.aborted) {
      const filter = (after === null ? {} : { _id: { $gt: after } }) as Filter<T>;
      const batch = await collection.find(filter).sort({ _id: 1 }).limit(maxBatch).toArray();
      const last = batch.at(-1);
      if (!last) {
        await checkpoints.finishSnapshot(name);
        log.info({ documents }, 'snapshot done; following the change stream');
        return true;
      }
      await handleDocuments(batch as T[]);
      after = last._id;
      documents += batch.length;
      await checkpoints.saveSnapshot(name, checkpoint.token, { ...progress, after, documents });
      failures = 0;
    }
    return false;
  }

  async function run(stop: AbortSignal, opened: () => void): Promise<void> {
    failures = 0;
    // Set by a lost position: how the next round starts instead of from the checkpoint.
    let restart: 'now' | 'snapshot' | undefined;
    while (!stop.aborted) {
      let stream: ChangeStream<T, E> | undefined;
      let checkpoint: CheckpointDocument | null = null;
      try {
        checkpoint = await checkpoints.load(name);
        reached ??= checkpoint?.updatedAt;
        if (checkpoint?.snapshot && snapshot) {
          opened();
          if (!(await continueSnapshot(checkpoint, checkpoint.snapshot, stop, snapshot))) break;
          continue;
        }
        if (restart === 'snapshot' || (!checkpoint && initial === 'snapshot')) {
          await beginSnapshot();
          restart = undefined;
          continue;
        }
        const token = restart === 'now' ? undefined : checkpoint?.token;
        saved = token ? { key: keyOf(token), at: Date.now() } : undefined;
        stream = collection.watch<T, E>(pipeline, {
          maxAwaitTimeMS,
          ...(token ? { resumeAfter: token } : {}),
        });
        // The first getMore creates the server cursor; from then on no write is missed.
        const first = await stream.tryNext();
        if (!first) reached = now();
        if (!token && !first && stream.resumeToken) await savePosition(stream.resumeToken);
        restart = undefined;
        log.info({ resumed: Boolean(token) }, 'change stream open');
        opened();
        await consume(stream, stop, first);
      } catch (error) {
        opened();
        if (stop.aborted) {
          log.warn({ err: error }, 'change stream failed while stopping');
          break;
        }
        if (isHistoryLost(error)) {
          const checkpointAt = checkpoint?.updatedAt;
          options.onHistoryLost?.({ name, policy: historyLost, checkpointAt });
          // Retrying cannot bring the history back. `fail` keeps failing loudly until someone
          // decides; the other policies accept the gap since `checkpointAt`, as configured.
          log.error(
            { err: error, policy: historyLost, checkpointAt },
            historyLost === 'fail'
              ? 'change stream position lost; not resuming until an operator decides'
              : `change stream position lost; continuing with ${historyLost === 'now' ? 'the changes from now on' : 'a snapshot'}`,
          );
          if (historyLost !== 'fail') {
            restart = historyLost;
            await stream?.close().catch(() => undefined);
            continue;
          }
        }
        failures += 1;
        const delayMs = backoffDelay(failures, options.backoff ?? defaultBackoff);
        log.error(
          { err: error, failures, delayMs },
          'change stream failed; resuming from checkpoint',
        );
        await stream?.close().catch(() => undefined);
        await sleep(delayMs, stop);
      } finally {
        await stream?.close().catch(() => undefined);
      }
    }
    log.info('change stream stopped');
  }

  // Open from the first `opened` of a run (the stream or the snapshot under way) until it ended.
  let open = false;
  const loop = backgroundLoop((stop, ready) =>
    run(stop, () => {
      open = true;
      ready();
    }).finally(() => {
      open = false;
      reached = undefined;
    }),
  );
  return {
    name,
    start: () => loop.start(),
    stop: () => loop.stop(),
    isRunning: () => loop.isRunning() && open,
    caughtUpTo: () => reached,
  };
}
