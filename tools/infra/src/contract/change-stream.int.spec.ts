import type {
  ChangeStream,
  ChangeStreamDocument,
  Collection,
  Db,
  Document,
  ResumeToken,
} from 'mongodb';
import { MongoClient, MongoServerError } from 'mongodb';
import { uniqueName } from '../testing/unique-name';

/**
 * Contract: the change-stream and index behaviour the write model relies on (DESIGN section 3),
 * checked against MONGO_URL: the embedded engine by default, or a real MongoDB replica set.
 */
const url = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';
const client = new MongoClient(url, { monitorCommands: true });
let db: Db;

type Doc = { _id: string; version: number; payload: string; tags: string[] };
type Event = ChangeStreamDocument<Doc>;

beforeAll(() => client.connect());
beforeEach(() => {
  db = client.db(uniqueName('contract'));
});
afterEach(() => db.dropDatabase());
afterAll(() => client.close());

const watch = (collection: Collection<Doc>, options: Document = {}) =>
  collection.watch<Doc, Event>([], { maxAwaitTimeMS: 200, ...options });

/**
 * Opens a stream at "now" and waits until the server has established it, so no later write is
 * missed. (A resumed stream needs no priming: its token fixes where it starts.)
 */
async function openStream(collection: Collection<Doc>): Promise<ChangeStream<Doc, Event>> {
  const stream = watch(collection);
  expect(await stream.tryNext()).toBeNull(); // runs the aggregate that creates the server cursor
  return stream;
}

/** Reads exactly `count` events (failing if the stream stalls for 30 s). */
async function take(stream: ChangeStream<Doc, Event>, count: number): Promise<Event[]> {
  const events: Event[] = [];
  let idleSince = Date.now();
  while (events.length < count) {
    const event = await stream.tryNext();
    if (event) {
      events.push(event);
      idleSince = Date.now();
    } else if (Date.now() - idleSince > 30_000) {
      throw new Error(`stream stalled after ${events.length} of ${count} events`);
    }
  }
  return events;
}

/** Asserts nothing more arrives: a few await-data rounds come back empty. */
async function expectNoMore(stream: ChangeStream<Doc, Event>) {
  for (let i = 0; i < 3; i++) expect(await stream.tryNext()).toBeNull();
}

const docAt = (id: string, version: number): Doc => ({
  _id: id,
  version,
  payload: `${id}@${version}`,
  tags: Array.from({ length: version % 4 }, (_, i) => `t${i}`),
});

describe('change stream contract', () => {
  it('delivers 10,000 rapid replaces over a few documents exactly once, in order, each with its own post-image', async () => {
    const collection = db.collection<Doc>('aggregates');
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const replacesPerDoc = 2_000;
    const stream = await openStream(collection);

    // One writer per document, all concurrent; each replace is guarded by the expected version,
    // exactly like the write model's optimistic concurrency.
    await Promise.all(
      ids.map(async (id) => {
        await collection.insertOne(docAt(id, 1));
        for (let v = 2; v <= replacesPerDoc + 1; v++) {
          const result = await collection.replaceOne({ _id: id, version: v - 1 }, docAt(id, v));
          expect(result.modifiedCount).toBe(1);
        }
      }),
    );
    const events = await take(stream, ids.length * (replacesPerDoc + 1));
    await expectNoMore(stream);
    await stream.close();

    for (const id of ids) {
      const ofDoc = events.filter((e) => 'documentKey' in e && e.documentKey._id === id);
      expect(ofDoc.map((e) => e.operationType)).toEqual([
        'insert',
        ...Array<string>(replacesPerDoc).fill('replace'),
      ]);
      expect(ofDoc.map((e) => ('fullDocument' in e ? e.fullDocument : undefined))).toEqual(
        Array.from({ length: replacesPerDoc + 1 }, (_, i) => docAt(id, i + 1)),
      );
    }
    // Resume tokens are unique and cluster times never go backwards.
    expect(new Set(events.map((e) => JSON.stringify(e._id))).size).toBe(events.length);
    const times = events.map((e) =>
      'clusterTime' in e && e.clusterTime ? e.clusterTime.toBigInt() : -1n,
    );
    expect(times.every((t, i) => t >= 0n && (i === 0 || t >= times[i - 1]!))).toBe(true);
  });

  it.each(['resumeAfter', 'startAfter'] as const)(
    'resumes a stream closed half-way with %s: the rest, nothing twice, nothing lost',
    async (option) => {
      const collection = db.collection<Doc>('aggregates');
      const stream = await openStream(collection);
      for (let i = 0; i < 60; i++) await collection.insertOne(docAt(`doc-${i}`, 1));
      const firstHalf = await take(stream, 30);
      const token: ResumeToken = firstHalf[29]!._id;
      await stream.close();
      // Writes that happen while nobody listens must not be lost either.
      for (let i = 60; i < 80; i++) await collection.insertOne(docAt(`doc-${i}`, 1));

      const resumed = watch(collection, { [option]: token });
      const rest = await take(resumed, 50);
      await expectNoMore(resumed);
      await resumed.close();

      const ids = [...firstHalf, ...rest].map((e) =>
        'documentKey' in e ? e.documentKey._id : undefined,
      );
      expect(ids).toEqual(Array.from({ length: 80 }, (_, i) => `doc-${i}`));
    },
  );

  it('carries the documentKey on inserts and deletes, and no post-image on a delete', async () => {
    const collection = db.collection<Doc>('aggregates');
    const stream = await openStream(collection);

    await collection.insertMany([docAt('x', 1), docAt('y', 1)]);
    await collection.deleteOne({ _id: 'x' });
    const [insertX, insertY, deleteX] = await take(stream, 3);
    await stream.close();

    expect(insertX).toMatchObject({
      operationType: 'insert',
      documentKey: { _id: 'x' },
      fullDocument: docAt('x', 1),
    });
    expect(insertY).toMatchObject({
      operationType: 'insert',
      documentKey: { _id: 'y' },
      fullDocument: docAt('y', 1),
    });
    expect(deleteX).toMatchObject({ operationType: 'delete', documentKey: { _id: 'x' } });
    expect(deleteX).not.toHaveProperty('fullDocument');
    expect(insertX).toMatchObject({ ns: { db: db.databaseName, coll: 'aggregates' } });
  });

  it('produces no event for a replace whose expected version no longer matches', async () => {
    const collection = db.collection<Doc>('aggregates');
    await collection.insertOne(docAt('a', 1));
    const stream = await openStream(collection);

    const stale = await collection.replaceOne({ _id: 'a', version: 7 }, docAt('a', 8));
    await collection.replaceOne({ _id: 'a', version: 1 }, docAt('a', 2));
    const [event] = await take(stream, 1);
    await expectNoMore(stream);
    await stream.close();

    expect(stale.matchedCount).toBe(0);
    expect(event).toMatchObject({ operationType: 'replace', fullDocument: docAt('a', 2) });
  });

  it('rejects a duplicate key on a unique and on a compound unique index, with no event', async () => {
    const collection = db.collection<Doc & { email?: string; tenant?: string; ref?: string }>(
      'people',
    );
    await collection.createIndex({ email: 1 }, { unique: true });
    await collection.createIndex({ tenant: 1, ref: 1 }, { unique: true });
    const stream = await openStream(collection);

    await collection.insertOne({
      ...docAt('p1', 1),
      email: 'a@example.com',
      tenant: 't',
      ref: '1',
    });
    const duplicateEmail = collection.insertOne({
      ...docAt('p2', 1),
      email: 'a@example.com',
      tenant: 't',
      ref: '2',
    });
    await expect(duplicateEmail).rejects.toMatchObject({ code: 11000 });
    const duplicatePair = collection.insertOne({
      ...docAt('p3', 1),
      email: 'c@example.com',
      tenant: 't',
      ref: '1',
    });
    await expect(duplicatePair).rejects.toBeInstanceOf(MongoServerError);
    await expect(duplicatePair).rejects.toMatchObject({ code: 11000 });
    const replaceIntoDuplicate = collection.replaceOne(
      { _id: 'p4' },
      { ...docAt('p4', 1), email: 'a@example.com', tenant: 'u', ref: '9' },
      { upsert: true },
    );
    await expect(replaceIntoDuplicate).rejects.toMatchObject({ code: 11000 });
    // Same ref in another tenant is fine: the index is on the pair.
    await collection.insertOne({
      ...docAt('p5', 1),
      email: 'e@example.com',
      tenant: 'other',
      ref: '1',
    });
    const events = await take(stream, 2);
    await expectNoMore(stream);
    await stream.close();

    expect(events.map((e) => ('documentKey' in e ? e.documentKey._id : undefined))).toEqual([
      'p1',
      'p5',
    ]);
  });

  it('projects fullDocument down to the fields a $project keeps, and resumes after a projected event', async () => {
    const collection = db.collection<Doc>('aggregates');
    // The projection evp and the webhook fan-out use (lastEventPipeline), on this contract's Doc.
    const pipeline = [
      { $match: { operationType: { $in: ['insert', 'replace'] } } },
      {
        $project: {
          operationType: 1,
          clusterTime: 1,
          ns: 1,
          documentKey: 1,
          'fullDocument.version': 1,
        },
      },
    ];
    const stream = collection.watch<Doc, Event>(pipeline, { maxAwaitTimeMS: 200 });
    expect(await stream.tryNext()).toBeNull();

    await collection.insertOne(docAt('p', 1));
    await collection.replaceOne({ _id: 'p', version: 1 }, docAt('p', 2));
    const [insert, replace] = await take(stream, 2);
    await stream.close();

    expect(Object.keys(insert as object).sort()).toEqual(
      ['_id', 'clusterTime', 'documentKey', 'fullDocument', 'ns', 'operationType'].sort(),
    );
    expect(insert).toMatchObject({
      operationType: 'insert',
      ns: { db: db.databaseName, coll: 'aggregates' },
      documentKey: { _id: 'p' },
    });
    expect((insert as { fullDocument: unknown }).fullDocument).toEqual({ version: 1 });
    expect(replace).toMatchObject({ operationType: 'replace', fullDocument: { version: 2 } });
    expect(replace).not.toHaveProperty('fullDocument.payload');

    await collection.replaceOne({ _id: 'p', version: 2 }, docAt('p', 3));
    const resumed = collection.watch<Doc, Event>(pipeline, {
      maxAwaitTimeMS: 200,
      resumeAfter: (insert as { _id: ResumeToken })._id,
    });
    const after = await take(resumed, 2);
    await resumed.close();
    expect(after.map((e) => (e as { fullDocument: { version: number } }).fullDocument)).toEqual([
      { version: 2 },
      { version: 3 },
    ]);
  });

  it('holds a getMore open until an event arrives instead of answering empty at once', async () => {
    const collection = db.collection<Doc>('aggregates');
    await db.createCollection('aggregates');
    const opened = await db.command({
      aggregate: 'aggregates',
      pipeline: [{ $changeStream: {} }],
      cursor: {},
    });
    const cursor = opened.cursor as { id: bigint | number; firstBatch: unknown[] };
    expect(cursor.firstBatch).toEqual([]);

    // The getMore goes out first and the insert follows once the getMore is on the wire (and a
    // moment more), so a server that answers an await-data getMore at once returns it empty.
    const getMoreSent = new Promise<void>((resolve) => {
      const onStarted = (event: { commandName: string }) => {
        if (event.commandName !== 'getMore') return;
        client.off('commandStarted', onStarted);
        resolve();
      };
      client.on('commandStarted', onStarted);
    });
    const waiting = db.command({ getMore: cursor.id, collection: 'aggregates', maxTimeMS: 20_000 });
    await getMoreSent;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await collection.insertOne(docAt('late', 1));
    const reply = await waiting;
    await db.command({ killCursors: 'aggregates', cursors: [cursor.id] });

    const batch = (reply.cursor as { nextBatch: Event[] }).nextBatch;
    expect(batch).toHaveLength(1);
    expect(batch[0]).toMatchObject({ operationType: 'insert', documentKey: { _id: 'late' } });
  });
});
