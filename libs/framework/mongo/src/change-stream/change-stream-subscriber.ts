import type { ChangeStream, ChangeStreamDocument, Document } from 'mongodb';
import { MongoServerError } from 'mongodb';
import { backgroundLoop, backoffDelay, defaultBackoff, sleep } from '@cqrs/framework-core';
import type { ChangeEvent } from './change-event';
import { clusterTimeOf, writeEventsPipeline } from './change-event';
import { createCheckpointStore } from './checkpoint-store';
import { collectBatch } from './collect-batch';
import type { ChangeStreamSubscriber, ChangeStreamSubscriberOptions } from './subscriber-options';

/**
 * Feeds a collection's change stream to `handle` in batches, at least once and in commit order
 * (DESIGN section 4). The resume token of a batch is saved in `checkpoints` only after `handle`
 * resolved, so a crash replays the unacknowledged batch. If `handle` or the stream fails, the
 * subscriber logs, backs off with jitter and re-opens from the last checkpoint: it never skips.
 *
 * Run it on one replica at a time (`runWithLease`); two subscribers with one name would both
 * deliver every event.
 */
export function createChangeStreamSubscriber<
  T extends Document = Document,
  E extends ChangeStreamDocument<T> = ChangeEvent<T>,
>(options: ChangeStreamSubscriberOptions<E>): ChangeStreamSubscriber {
  const { db, name, handle, onBatch, maxBatch = 100, maxAwaitTimeMS = 1_000 } = options;
  const pipeline = options.pipeline ?? writeEventsPipeline;
  const checkpoints = createCheckpointStore(db, options.now ?? (() => new Date()));
  const log = options.logger.child({ module: 'change-stream', subscriber: name });
  // Consecutive failures without an acknowledged batch in between: drives the backoff.
  let failures = 0;

  async function consume(stream: ChangeStream<T, E>, stop: AbortSignal, first: E | null) {
    let pending = first;
    while (!stop.aborted) {
      const batch = await collectBatch(stream, pending, maxBatch, stop);
      pending = null;
      const last = batch.at(-1);
      if (!last) continue;
      await handle(batch);
      // Deliberately not interrupted by `stop`: a handled batch is always acknowledged.
      await checkpoints.save(name, last._id);
      failures = 0;
      onBatch?.({ name, count: batch.length, lastClusterTime: clusterTimeOf(last) });
    }
  }

  async function run(stop: AbortSignal, opened: () => void): Promise<void> {
    failures = 0;
    while (!stop.aborted) {
      let stream: ChangeStream<T, E> | undefined;
      try {
        const token = await checkpoints.load(name);
        const resume = token ? { resumeAfter: token } : {};
        stream = db.collection<T>(options.collection).watch<T, E>(pipeline, {
          maxAwaitTimeMS,
          ...resume,
        });
        // The first getMore creates the server cursor; from then on no write is missed.
        const first = await stream.tryNext();
        if (!token && !first && stream.resumeToken) {
          await checkpoints.save(name, stream.resumeToken);
        }
        log.info({ resumed: Boolean(token) }, 'change stream open');
        opened();
        await consume(stream, stop, first);
      } catch (error) {
        opened();
        if (stop.aborted) {
          log.warn({ err: error }, 'change stream failed while stopping');
          break;
        }
        failures += 1;
        const delayMs = backoffDelay(failures, options.backoff ?? defaultBackoff);
        // 286: the checkpoint fell out of the server's history. Retrying cannot fix that and
        // skipping would lose events, so it keeps failing loudly until someone decides.
        const historyLost = error instanceof MongoServerError && error.code === 286;
        log.error(
          { err: error, failures, delayMs, historyLost },
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

  const loop = backgroundLoop(run);
  return {
    name,
    start: () => loop.start(),
    stop: () => loop.stop(),
    isRunning: () => loop.isRunning(),
  };
}
