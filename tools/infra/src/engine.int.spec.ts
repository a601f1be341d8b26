import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Document, ResumeToken } from 'mongodb';
import { MongoClient, MongoServerError } from 'mongodb';
import pino from 'pino';
import { connectMongo } from '@cqrs/framework-mongo';
import { throwawayEngines } from './testing/throwaway-engine';

/**
 * What our launcher adds to mongo-java-server beyond the change-stream contract (which any MongoDB
 * passes): persistence of documents and change journal across restarts, bounded history with the
 * ChangeStreamHistoryLost error, and unacknowledged (moreToCome) requests. Each test runs its own
 * engine on a free port.
 */
let workDir: string;
const engines = throwawayEngines();
const { start: startEngine, startWith: startEngineWith, stop } = engines;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'engine-spec-'));
});
afterEach(() => engines.stopAll());
afterAll(() => rm(workDir, { recursive: true, force: true }));

async function withClient<T>(url: string, use: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(url);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

type Doc = { _id: number; n: number };

describe('embedded engine launcher', () => {
  it('keeps documents and change history in the H2 file: a token from before a restart resumes with no gap', async () => {
    const file = path.join(workDir, 'restart', 'engine.mv.db');
    const first = await startEngine('--h2-file', file);
    const token = await withClient(first.url, async (client) => {
      const collection = client.db('app').collection<Doc>('things');
      const stream = collection.watch<Doc>([], { maxAwaitTimeMS: 100 });
      expect(await stream.tryNext()).toBeNull();
      for (let i = 0; i < 10; i++) await collection.insertOne({ _id: i, n: i });
      let last: ResumeToken = undefined;
      for (let i = 0; i < 4; i++) last = (await stream.next())._id;
      await stream.close();
      return last;
    });
    await stop(first.process);

    const second = await startEngine('--h2-file', file);
    await withClient(second.url, async (client) => {
      const collection = client.db('app').collection<Doc>('things');
      expect(await collection.countDocuments()).toBe(10);
      const stream = collection.watch<Doc>([], { resumeAfter: token, maxAwaitTimeMS: 100 });
      const keys: number[] = [];
      for (let i = 0; i < 6; i++) {
        const event = await stream.next();
        if (event.operationType === 'insert') keys.push(event.documentKey._id);
      }
      expect(keys).toEqual([4, 5, 6, 7, 8, 9]);
      expect(await stream.tryNext()).toBeNull();
      await stream.close();
    });
  });

  it('keeps ordered indexes in the H2 file: after a restart they answer from the index as before', async () => {
    type Thing = { _id: number; tag: string | string[]; owner: string; version: number };
    const file = path.join(workDir, 'ordered', 'engine.mv.db');
    const first = await startEngine('--h2-file', file);
    await withClient(first.url, async (client) => {
      const things = client.db('app').collection<Thing>('things');
      await things.createIndex({ tag: 1 });
      await things.createIndex({ owner: 1, version: 1 }, { unique: true });
      await things.insertMany(
        Array.from({ length: 200 }, (_, i) => ({
          _id: i,
          tag: `t${i % 10}`,
          owner: `o${i % 20}`,
          version: i,
        })),
      );
      // Changes after the index was built: a removal, a moved key, a multikey document.
      await things.deleteMany({ tag: 't3' });
      await things.updateOne({ _id: 1 }, { $set: { tag: 'moved' } });
      await things.insertOne({ _id: 500, tag: ['m1', 'm2'], owner: 'o-multi', version: 0 });
    });
    await stop(first.process);

    const second = await startEngine('--h2-file', file);
    await withClient(second.url, async (client) => {
      const db = client.db('app');
      const things = db.collection<Thing>('things');
      const examined = async (filter: Document) => {
        const answer = await db.command({
          explain: { find: 'things', filter },
          verbosity: 'executionStats',
        });
        return {
          docs: Number((answer.executionStats as { totalDocsExamined: number }).totalDocsExamined),
          collectionScan: JSON.stringify(answer.queryPlanner).includes('"COLLSCAN"'),
        };
      };
      const ids = async (filter: Document) =>
        (await things.find(filter).sort({ _id: 1 }).toArray()).map((thing) => thing._id);

      // Only the matches are examined: no entry of a removed or moved document survived.
      expect(await ids({ tag: 't1' })).toEqual([
        11, 21, 31, 41, 51, 61, 71, 81, 91, 101, 111, 121, 131, 141, 151, 161, 171, 181, 191,
      ]);
      expect(await examined({ tag: 't1' })).toEqual({ docs: 19, collectionScan: false });
      expect(await examined({ tag: 't3' })).toEqual({ docs: 0, collectionScan: false });
      expect(await ids({ tag: 'moved' })).toEqual([1]);
      // A compound unique index serves its prefix.
      expect(await ids({ owner: 'o2' })).toEqual([2, 22, 42, 62, 82, 102, 122, 142, 162, 182]);
      expect(await examined({ owner: 'o2' })).toEqual({ docs: 10, collectionScan: false });
      // The index still knows it is multikey: a document two of whose keys are in range is one match.
      expect(await ids({ tag: { $gte: 'm1', $lte: 'm2' } })).toEqual([500]);
      // And it keeps being maintained after the restart.
      await things.insertOne({ _id: 600, tag: 't1', owner: 'o-new', version: 0 });
      expect(await examined({ tag: 't1' })).toEqual({ docs: 20, collectionScan: false });
    });
  });

  it("keeps the persistent engine's heap bounded as indexed data grows far beyond it", async () => {
    // 400,000 documents under three ordered indexes: about 300 MB of entries on a heap, in a JVM
    // allowed 96 MB. The entries live in the H2 store, so the heap holds only its page cache.
    const file = path.join(workDir, 'bounded', 'engine.mv.db');
    const engine = await startEngineWith(['-Xmx96m'], '--h2-file', file);
    await withClient(engine.url, async (client) => {
      const things = client
        .db('app')
        .collection<{ _id: string; owner: string; tag: string; at: Date; claim: string }>('things');
      await things.createIndex({ owner: 1 });
      await things.createIndex({ tag: 1, at: 1 });
      await things.createIndex({ claim: 1 });
      const total = 400_000;
      for (let from = 0; from < total; from += 10_000) {
        await things.insertMany(
          Array.from({ length: 10_000 }, (_, i) => ({
            _id: `thing-${from + i}`,
            owner: `owner-${(from + i) % 5_000}`,
            tag: `tag-${(from + i) % 97}`,
            at: new Date(1_700_000_000_000 + from + i),
            claim: `claim-${from + i}`,
          })),
        );
      }
      expect(await things.countDocuments({ owner: 'owner-42' })).toBe(total / 5_000);
      expect(await things.findOne({ claim: 'claim-399999' })).toMatchObject({
        _id: 'thing-399999',
      });
    });
  }, 240_000);

  it('never hands a cursor id from before a restart to a new cursor: the old id finds no cursor', async () => {
    const file = path.join(workDir, 'cursor-ids', 'engine.mv.db');
    // A query cursor and a change-stream cursor, left open, as a client has them when the engine stops.
    const openCursors = async (url: string) =>
      withClient(url, async (client) => {
        const db = client.db('app');
        if ((await db.collection<Doc>('things').countDocuments()) === 0) {
          await db
            .collection<Doc>('things')
            .insertMany([0, 1, 2, 3, 4].map((i) => ({ _id: i, n: i })));
        }
        const query = await db.command({ find: 'things', batchSize: 2 });
        const stream = await db.command({
          aggregate: 'things',
          pipeline: [{ $changeStream: {} }],
          cursor: {},
        });
        return [query, stream].map((reply) =>
          String((reply as { cursor: { id: unknown } }).cursor.id),
        );
      });
    const first = await startEngine('--h2-file', file);
    const before = await openCursors(first.url);
    await stop(first.process);

    const second = await startEngine('--h2-file', file);
    const after = await openCursors(second.url);
    expect(after.filter((id) => before.includes(id))).toEqual([]);
    await withClient(second.url, async (client) => {
      for (const [i, id] of before.entries()) {
        const stale = client.db('app').command({
          getMore: BigInt(id),
          collection: 'things',
          ...(i === 1 ? { maxTimeMS: 50 } : {}),
        });
        await expect(stale).rejects.toMatchObject({ code: 43 });
      }
    });
  });

  it('every app client works again after engine restarts, even when the driver loses a heartbeat', async () => {
    // Driver 7.9 can lose a monitor heartbeat for good when the server closes the connection
    // under it; connectMongo's watchdog reconnects such a client (monitor-watchdog.ts). Ten
    // clients writing and watching through two restarts hit that nearly every time.
    const file = path.join(workDir, 'watchdog', 'engine.mv.db');
    let engine = await startEngine('--h2-file', file);
    const port = new URL(engine.url.replace('mongodb://', 'http://')).port;
    const connections = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        connectMongo({
          url: engine.url,
          dbName: `app${i % 2}`,
          appName: `client-${i}`,
          logger: pino({ level: 'silent' }),
          monitorStuckAfterMs: 5_000,
        }),
      ),
    );
    let running = true;
    const lastWrite = connections.map(() => 0);
    const loops = connections.map(async (connection, i) => {
      const things = connection.db.collection<{ _id: number; n: number }>('things');
      const watching = (async () => {
        while (running) {
          const stream = things.watch([], { maxAwaitTimeMS: 500 });
          await (async () => {
            while (running) await stream.tryNext();
          })().catch(() => undefined);
          await stream.close().catch(() => undefined);
        }
      })();
      while (running) {
        await things
          .updateOne({ _id: i }, { $inc: { n: 1 } }, { upsert: true })
          .then(() => (lastWrite[i] = Date.now()))
          .catch(() => new Promise((resolve) => setTimeout(resolve, 200)));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await watching;
    });
    try {
      for (let restart = 0; restart < 2; restart++) {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        await stop(engine.process);
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        engine = await startEngine('--h2-file', file, '--port', port);
        const back = Date.now();
        const deadline = back + 40_000;
        while (lastWrite.some((t) => t < back) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        expect(lastWrite.flatMap((t, i) => (t < back ? [`client-${i}`] : []))).toEqual([]);
      }
    } finally {
      running = false;
      await Promise.all(loops);
      await Promise.all(connections.map((c) => c.close()));
    }
  }, 120_000);

  it('answers ChangeStreamHistoryLost (286) for a token older than the retained history', async () => {
    const engine = await startEngine('--oplog-max-entries', '10');
    await withClient(engine.url, async (client) => {
      const collection = client.db('app').collection<Doc>('things');
      const stream = collection.watch<Doc>([], { maxAwaitTimeMS: 100 });
      expect(await stream.tryNext()).toBeNull();
      await collection.insertOne({ _id: 0, n: 0 });
      const token = (await stream.next())._id;
      await stream.close();
      for (let i = 1; i <= 20; i++) await collection.insertOne({ _id: i, n: i });

      const stale = collection.watch<Doc>([], { resumeAfter: token });
      const error: unknown = await stale.tryNext().catch((e: unknown) => e);
      await stale.close();
      expect(error).toBeInstanceOf(MongoServerError);
      expect((error as MongoServerError).code).toBe(286);
    });
  });

  it('bounds the post-images an in-memory journal holds by bytes, and reports it in serverStatus', async () => {
    // 64 KiB of history: about 60 inserts of a 1 KiB document; the entry bound (1,000,000) is far.
    const engine = await startEngine('--oplog-max-bytes', String(64 * 1024));
    await withClient(engine.url, async (client) => {
      const collection = client.db('app').collection<Doc & { pad: string }>('things');
      const stream = collection.watch([], { maxAwaitTimeMS: 100 });
      expect(await stream.tryNext()).toBeNull();
      await collection.insertOne({ _id: 0, n: 0, pad: 'x'.repeat(1024) });
      const token = (await stream.next())._id;
      await stream.close();
      for (let i = 1; i <= 500; i++)
        await collection.insertOne({ _id: i, n: i, pad: 'x'.repeat(1024) });

      const status = await client.db('admin').command({ serverStatus: 1 });
      const journal = (status.engine as { journal: { entries: number; lastSeq: number } }).journal;
      expect(Number(journal.lastSeq)).toBe(501);
      expect(Number(journal.entries)).toBeGreaterThan(30);
      expect(Number(journal.entries)).toBeLessThan(64);
      const stale = collection.watch([], { resumeAfter: token });
      const error: unknown = await stale.tryNext().catch((e: unknown) => e);
      await stale.close();
      expect((error as MongoServerError).code).toBe(286);
    });
  });

  it('applies unacknowledged (w: 0) writes without answering them, and the connection stays usable', async () => {
    const engine = await startEngine();
    await withClient(engine.url, async (client) => {
      const collection = client.db('app').collection<Doc>('things');
      await collection.insertOne({ _id: 1, n: 1 }, { writeConcern: { w: 0 } });
      await collection.insertOne({ _id: 2, n: 2 });
      expect(await collection.find().sort({ _id: 1 }).toArray()).toEqual([
        { _id: 1, n: 1 },
        { _id: 2, n: 2 },
      ]);
    });
  });
});
