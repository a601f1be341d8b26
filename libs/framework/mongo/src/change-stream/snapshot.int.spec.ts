import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
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

  it('loses no version written while it takes its position', async () => {
    // The subscriber's own client tells when the server answered the stream's opening: a write
    // sent after that is after the snapshot's position, so its version must come through.
    const client = await new MongoClient(fixture.url, { monitorCommands: true }).connect();
    let positioned = false;
    client.on('commandSucceeded', (event) => {
      const reply = event.reply as { cursor?: { postBatchResumeToken?: unknown } };
      if (event.commandName === 'aggregate' && reply.cursor?.postBatchResumeToken) {
        positioned = true;
      }
    });
    const afterPosition: string[] = [];
    const snapshotted = new Set<string>();
    const streamed = new Set<string>();
    const subscriber = fixture.track(
      createChangeStreamSubscriber<Doc>({
        db: client.db(fixture.db.databaseName),
        collection: 'docs',
        name: 'docs-publisher',
        handle: (batch: ChangeEvent<Doc>[]) => {
          for (const event of batch) streamed.add(idOf(event));
          return Promise.resolve();
        },
        snapshot: (documents) => {
          for (const id of idsOf(documents)) snapshotted.add(id);
          return Promise.resolve();
        },
        initial: 'snapshot',
        logger: silentLogger,
        maxAwaitTimeMS: 1_000,
      }),
    );
    // From the moment the server answered, documents each created and changed at once.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing && !positioned) await sleep(1);
      while (writing) {
        const id = `doc-${++written}`;
        await fixture.docs.insertOne({ _id: id, version: 1 });
        await fixture.docs.updateOne({ _id: id }, { $set: { version: 2 } });
        afterPosition.push(id);
      }
    })();
    try {
      await subscriber.start();
      await waitUntil(async () => !(await fixture.checkpoint())?.snapshot, 'the snapshot is done');
      await waitUntil(() => afterPosition.length >= 20, 'writes after the position');
      writing = false;
      await writer;
      await waitUntil(() => streamed.has(`doc-${written}@1`), 'the last write is streamed');

      const lost = afterPosition.filter(
        (id) => !streamed.has(`${id}@1`) && !snapshotted.has(`${id}@1`),
      );
      expect(lost).toEqual([]);
    } finally {
      writing = false;
      await writer;
      await subscriber.stop();
      await client.close();
    }
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
