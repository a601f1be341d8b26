import type { ChangeStream, ChangeStreamDocument, Collection, Document } from 'mongodb';

/** The documents a collection was written with, as {@link recordWrites} sees them. */
export interface RecordedWrites<D extends Document> {
  /** The documents inserted or replaced so far, in commit order. */
  readonly written: D[];
  /** Throws if the stream failed, so a test never waits on a dead stream in silence. */
  readonly check: () => void;
  readonly close: () => Promise<void>;
}

/**
 * Records every insert and replace of `collection` from the moment it resolves: the stream's
 * server cursor exists before the caller writes anything, so no write is missed.
 */
export async function recordWrites<D extends Document>(
  collection: Collection<D>,
): Promise<RecordedWrites<D>> {
  const stream: ChangeStream<D> = collection.watch(
    [{ $match: { operationType: { $in: ['insert', 'replace'] } } }],
    { maxAwaitTimeMS: 100 },
  );
  const written: D[] = [];
  const take = (change: ChangeStreamDocument<D> | null) => {
    if (change && 'fullDocument' in change && change.fullDocument) {
      written.push(change.fullDocument);
    }
  };
  // The first round trip opens the server cursor.
  take(await stream.tryNext());
  let closed = false;
  let failure: Error | undefined;
  const pump = (async () => {
    while (!closed) {
      try {
        take(await stream.tryNext());
      } catch (error) {
        if (!closed) failure = error instanceof Error ? error : new Error(String(error));
        return;
      }
    }
  })();
  return {
    written,
    check() {
      if (failure !== undefined) throw failure;
    },
    async close() {
      closed = true;
      await stream.close().catch(() => undefined);
      await pump;
    },
  };
}

/** Asserts that the stored document is exactly `before`: nothing was written to it. */
export async function expectUnchanged<D extends Document & { _id: string }>(
  collection: Collection<D>,
  before: D | null,
): Promise<void> {
  if (before === null) throw new Error('expectUnchanged needs the document as it was');
  const now = await collection.findOne({ _id: before._id } as never);
  expect(now).toEqual(before);
}
