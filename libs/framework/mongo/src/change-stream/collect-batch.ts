import type { ChangeStream, ChangeStreamDocument, Document } from 'mongodb';

/**
 * The next batch from `stream`: waits for one event (each `tryNext` is one await-data `getMore`,
 * so an idle stream costs one round trip per `maxAwaitTimeMS`), then takes whatever the driver
 * already buffered, up to `maxBatch`, without waiting for more.
 *
 * Returns an empty batch once `stop` aborted, even if events arrived meanwhile: they are not
 * checkpointed, so whoever runs next (this process later, or a standby holding the lease now)
 * delivers them, and a stopping subscriber never starts a batch it might overlap with.
 *
 * @param first an event already read (e.g. while opening the stream), delivered first.
 * @param onIdle called after each wait that brought nothing (the stream's resume token is then
 *   the server's position after the writes it skipped).
 */
export async function collectBatch<T extends Document, E extends ChangeStreamDocument<T>>(
  stream: ChangeStream<T, E>,
  first: E | null,
  maxBatch: number,
  stop: AbortSignal,
  onIdle: () => Promise<void> = () => Promise.resolve(),
): Promise<E[]> {
  let event = first;
  while (!event) {
    if (stop.aborted) return [];
    event = await stream.tryNext();
    if (!event && !stop.aborted) await onIdle();
  }
  if (stop.aborted) return [];
  const batch = [event];
  while (batch.length < maxBatch && stream.bufferedCount() > 0) {
    const next = await stream.tryNext();
    if (!next) break;
    batch.push(next);
  }
  return batch;
}
