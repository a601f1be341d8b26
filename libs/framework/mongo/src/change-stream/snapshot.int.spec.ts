import type { ChangeEvent } from './change-event';
import { createChangeStreamSubscriber } from './change-stream-subscriber';
import type { Doc } from '../testing/subscriber-fixture';
import { idOf, ids, subscriberFixture } from '../testing/subscriber-fixture';
import { silentLogger, waitUntil } from '../testing/test-database';

describe('ChangeStreamSubscriber initial snapshot', () => {
  let fixture: Awaited<ReturnType<typeof subscriberFixture>>;

  beforeEach(async () => {
    fixture = await subscriberFixture();
  });
  afterEach(() => fixture.cleanUp());

  /** A subscriber starting with a snapshot; `onSnapshot` sees each batch of documents. */
  const snapshotting = (onSnapshot: (documents: Doc[]) => Promise<void>) => {
    const streamed: string[] = [];
    const subscriber = fixture.track(
      createChangeStreamSubscriber<Doc>({
        db: fixture.db,
        collection: 'docs',
        name: 'docs-publisher',
        handle: (batch: ChangeEvent<Doc>[]) => {
          streamed.push(...batch.map(idOf));
          return Promise.resolve();
        },
        snapshot: onSnapshot,
        initial: 'snapshot',
        maxBatch: 25,
        logger: silentLogger,
        backoff: { initialMs: 20, maxMs: 200 },
        maxAwaitTimeMS: 200,
      }),
    );
    return { subscriber, streamed };
  };
  const idsOf = (documents: Doc[]) => documents.map((d) => `${d._id}@${d.version}`);

  it('hands over the documents written before its first start, then follows new writes', async () => {
    await fixture.insert(1, 60);
    const snapshotted: string[] = [];
    const { subscriber, streamed } = snapshotting((documents) => {
      snapshotted.push(...idsOf(documents));
      return Promise.resolve();
    });
    await subscriber.start();
    await waitUntil(async () => !(await fixture.checkpoint())?.snapshot, 'the snapshot is done');
    await fixture.insert(61, 62);
    await waitUntil(() => streamed.length === 2, 'the new writes are streamed');

    expect(snapshotted.sort()).toEqual(ids(1, 60).sort());
    expect(streamed).toEqual(ids(61, 62));
  });

  it('continues an interrupted snapshot after the last batch it finished, in another process', async () => {
    await fixture.insert(1, 60);
    const first: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { subscriber: interrupted } = snapshotting(async (documents) => {
      first.push(...idsOf(documents));
      if (first.length > 25) await gate; // the second batch is in flight when it stops
    });
    await interrupted.start();
    await waitUntil(() => first.length === 50, 'the second batch is in flight');
    const stopping = interrupted.stop();
    release();
    await stopping;
    expect((await fixture.checkpoint())?.snapshot).toMatchObject({ documents: 50 });

    const second: string[] = [];
    const { subscriber: resumed, streamed } = snapshotting((documents) => {
      second.push(...idsOf(documents));
      return Promise.resolve();
    });
    await resumed.start();
    await waitUntil(async () => !(await fixture.checkpoint())?.snapshot, 'the snapshot is done');
    await fixture.insert(61, 61);
    await waitUntil(() => streamed.length === 1, 'the new write is streamed');

    expect(second).toHaveLength(10);
    expect([...first, ...second].sort()).toEqual(ids(1, 60).sort());
    expect(streamed).toEqual(ids(61, 61));
  });

  it('refuses a snapshot policy without a snapshot handler', () => {
    expect(() =>
      createChangeStreamSubscriber<Doc>({
        db: fixture.db,
        collection: 'docs',
        name: 'docs-publisher',
        handle: () => Promise.resolve(),
        initial: 'snapshot',
        logger: silentLogger,
      }),
    ).toThrow(/snapshot handler/);
  });
});
