import type { Db, Document } from 'mongodb';
import { MongoClient } from 'mongodb';
import { uniqueName } from '../testing/unique-name';

/**
 * Contract: equality, prefixes and ranges on indexed fields are served by the index, as MongoDB
 * serves them, whatever the filter's form; asserted on what `explain` reports examined
 * (`executionStats.totalDocsExamined`), never on time. For every shape that count is the
 * matching documents alone, the same at 1,000 and at 50,000 documents, and the operation itself
 * still answers exactly what MongoDB answers. Runs against MONGO_URL: the embedded engine by
 * default, or a real MongoDB.
 */
const url = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';
const client = new MongoClient(url);
let db: Db;

const sizes = [1_000, 50_000] as const;
/** Documents that stay `pending` whatever the size, and each aggregate's versions. */
const pending = 10;
const versions = 5;

const doc = (i: number) => ({
  _id: i,
  streamName: `stream-${i}`,
  metadata: { streamPosition: i % 7 },
  aggregateId: `agg-${Math.floor(i / versions)}`,
  version: (i % versions) + 1,
  status: i < pending ? 'pending' : 'done',
  dueAt: new Date(Date.UTC(2026, 0, 1) + i * 1000),
  seq: i,
  unindexed: i,
});

type Doc = ReturnType<typeof doc> & { touched?: boolean; claim?: string };
const collectionOf = (size: number) => db.collection<Doc>(`streams_${size}`);

/**
 * What `explain` says `command` would examine, and how. An aggregate's explain has the query's
 * plan at the top when the whole pipeline runs in the query engine, or in its first stage
 * (`$cursor`) when the rest runs after it.
 */
async function explain(command: Document) {
  const answer = await db.command({ explain: command, verbosity: 'executionStats' });
  const stages = answer.stages as { $cursor?: Document }[] | undefined;
  const query = answer.executionStats ? answer : (stages?.[0]?.$cursor ?? {});
  const stats = query.executionStats as { totalDocsExamined: number };
  const plan = JSON.stringify(query.queryPlanner);
  return { docs: Number(stats.totalDocsExamined), collectionScan: plan.includes('"COLLSCAN"') };
}

beforeAll(async () => {
  await client.connect();
  db = client.db(uniqueName('index-use'));
  for (const size of sizes) {
    const collection = collectionOf(size);
    await collection.createIndex({ streamName: 1 }, { unique: true });
    await collection.createIndex({ aggregateId: 1, version: 1 }, { unique: true });
    await collection.createIndex({ status: 1, dueAt: 1 });
    await collection.createIndex({ seq: 1 });
    await collection.createIndex({ claim: 1 });
    for (let from = 0; from < size; from += 5_000) {
      const batch = Array.from({ length: Math.min(5_000, size - from) }, (_, i) => doc(from + i));
      await collection.insertMany(batch);
    }
  }
}, 300_000);
afterAll(async () => {
  await db?.dropDatabase();
  await client.close();
});

/**
 * One shape: after `prepare`, `command` is what `explain` is asked about, `run` does the same
 * through the driver and `expected` is its answer; `matching` documents are all the index should
 * leave to examine.
 */
interface Shape {
  readonly name: string;
  readonly matching: number;
  /** Writes that must happen before the shape is explained. */
  readonly prepare?: (size: number) => Promise<void>;
  readonly command: (size: number) => Document;
  readonly run: (size: number) => Promise<unknown>;
  readonly expected: (size: number) => unknown;
}

const middle = (size: number) => Math.floor(size / 2);
const name = (size: number) => collectionOf(size).collectionName;
const stream = (i: number) => `stream-${i}`;
const ids = (docs: Doc[]) => docs.map((d) => d._id).sort((a, b) => a - b);
/** The versions of an aggregate near the end, which no other shape writes: a sum over them. */
const sumOfAggregate = (size: number) => [
  { $match: { aggregateId: `agg-${size / versions - 3}` } },
  { $group: { _id: null, total: { $sum: '$unindexed' } } },
];
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

const shapes: Shape[] = [
  {
    name: 'implicit equality',
    matching: 1,
    command: (size) => ({
      find: name(size),
      filter: { streamName: stream(middle(size)) },
      limit: 1,
    }),
    run: async (size) =>
      (await collectionOf(size).findOne({ streamName: stream(middle(size)) }))?._id,
    expected: middle,
  },
  {
    name: '$eq',
    matching: 1,
    command: (size) => ({
      find: name(size),
      filter: { streamName: { $eq: stream(middle(size)) } },
    }),
    run: async (size) =>
      (await collectionOf(size).findOne({ streamName: { $eq: stream(middle(size)) } }))?._id,
    expected: middle,
  },
  {
    name: '$in',
    matching: 3,
    command: (size) => ({
      find: name(size),
      filter: { streamName: { $in: [stream(1), stream(middle(size)), stream(size - 1)] } },
    }),
    run: async (size) =>
      ids(
        await collectionOf(size)
          .find({ streamName: { $in: [stream(1), stream(middle(size)), stream(size - 1)] } })
          .toArray(),
      ),
    expected: (size) => [1, middle(size), size - 1],
  },
  {
    name: 'inside $and',
    matching: 1,
    command: (size) => ({
      find: name(size),
      filter: { $and: [{ streamName: stream(middle(size)) }, { unindexed: { $gte: 0 } }] },
    }),
    run: async (size) =>
      (
        await collectionOf(size).findOne({
          $and: [{ streamName: stream(middle(size)) }, { unindexed: { $gte: 0 } }],
        })
      )?._id,
    expected: middle,
  },
  {
    name: 'one indexed field of a compound filter (the rest still applies)',
    matching: 1,
    command: (size) => ({
      find: name(size),
      filter: {
        streamName: { $eq: stream(middle(size)) },
        'metadata.streamPosition': middle(size) % 7,
      },
    }),
    run: async (size) => {
      const find = (position: number) =>
        collectionOf(size).findOne({
          streamName: { $eq: stream(middle(size)) },
          'metadata.streamPosition': position,
        });
      return [(await find(middle(size) % 7))?._id, await find((middle(size) % 7) + 1)];
    },
    expected: (size) => [middle(size), null],
  },
  {
    name: 'findAndModify by $eq',
    matching: 1,
    command: (size) => ({
      findAndModify: name(size),
      query: { streamName: { $eq: stream(middle(size)) } },
      update: { $set: { touched: true } },
    }),
    run: async (size) =>
      (
        await collectionOf(size).findOneAndUpdate(
          { streamName: { $eq: stream(middle(size)) } },
          { $set: { touched: true } },
          { returnDocument: 'after' },
        )
      )?.touched,
    expected: () => true,
  },
  {
    name: 'update by one field of a compound filter',
    matching: 1,
    command: (size) => ({
      update: name(size),
      updates: [
        {
          q: {
            streamName: stream(middle(size) + 1),
            'metadata.streamPosition': (middle(size) + 1) % 7,
          },
          u: { $set: { touched: true } },
        },
      ],
    }),
    run: async (size) =>
      (
        await collectionOf(size).updateOne(
          {
            streamName: stream(middle(size) + 1),
            'metadata.streamPosition': (middle(size) + 1) % 7,
          },
          { $set: { touched: true } },
        )
      ).modifiedCount,
    expected: () => 1,
  },
  {
    name: 'upsert that inserts (compound filter, nothing matches)',
    matching: 0,
    command: (size) => ({
      update: name(size),
      updates: [
        {
          q: { streamName: `new-${size}`, 'metadata.streamPosition': 0 },
          u: { $set: { aggregateId: `new-${size}`, version: 1 } },
          upsert: true,
        },
      ],
    }),
    run: async (size) =>
      (
        await collectionOf(size).updateOne(
          { streamName: `new-${size}`, 'metadata.streamPosition': 0 },
          { $set: { aggregateId: `new-${size}`, version: 1 } },
          { upsert: true },
        )
      ).upsertedCount,
    expected: () => 1,
  },
  {
    name: 'replace by $eq',
    matching: 1,
    command: (size) => ({
      update: name(size),
      updates: [
        {
          q: { streamName: { $eq: stream(middle(size) + 2) } },
          u: { ...doc(middle(size) + 2), touched: true },
        },
      ],
    }),
    run: async (size) =>
      (
        await collectionOf(size).replaceOne(
          { streamName: { $eq: stream(middle(size) + 2) } },
          { ...doc(middle(size) + 2), touched: true },
        )
      ).modifiedCount,
    expected: () => 1,
  },
  {
    name: 'delete by $eq',
    matching: 1,
    command: (size) => ({
      delete: name(size),
      deletes: [{ q: { streamName: { $eq: stream(size - 2) } }, limit: 1 }],
    }),
    run: async (size) =>
      (await collectionOf(size).deleteOne({ streamName: { $eq: stream(size - 2) } })).deletedCount,
    expected: () => 1,
  },
  {
    name: 'prefix of a compound unique index, sorted by the next field',
    matching: versions,
    command: (size) => ({
      find: name(size),
      filter: { aggregateId: `agg-${Math.floor(middle(size) / versions)}` },
      sort: { version: 1 },
    }),
    run: async (size) =>
      (
        await collectionOf(size)
          .find({ aggregateId: `agg-${Math.floor(middle(size) / versions)}` })
          .sort({ version: 1 })
          .toArray()
      ).map((d) => d.version),
    expected: () => range(1, versions + 1),
  },
  {
    name: 'equality prefix and a range of a non-unique compound index',
    matching: pending,
    command: (size) => ({
      find: name(size),
      filter: { status: 'pending', dueAt: { $lte: new Date(Date.UTC(2027, 0, 1)) } },
      sort: { dueAt: 1 },
    }),
    run: async (size) =>
      ids(
        await collectionOf(size)
          .find({ status: 'pending', dueAt: { $lte: new Date(Date.UTC(2027, 0, 1)) } })
          .toArray(),
      ),
    expected: () => range(0, pending),
  },
  {
    name: 'sorted by the index after its fixed prefix, with a limit (a backlog of thousands)',
    matching: 3,
    command: (size) => ({
      find: name(size),
      filter: { status: 'done' },
      sort: { dueAt: 1 },
      limit: 3,
    }),
    run: async (size) =>
      (await collectionOf(size).find({ status: 'done' }).sort({ dueAt: 1 }).limit(3).toArray()).map(
        (d) => d._id,
      ),
    expected: () => [pending, pending + 1, pending + 2],
  },
  {
    name: 'the same sort backwards',
    matching: 2,
    command: (size) => ({
      find: name(size),
      filter: { status: 'done' },
      sort: { dueAt: -1 },
      limit: 2,
    }),
    run: async (size) =>
      (
        await collectionOf(size).find({ status: 'done' }).sort({ dueAt: -1 }).limit(2).toArray()
      ).map((d) => d._id),
    expected: (size) => [size - 1, size - 3],
  },
  {
    name: 'findAndModify of the first by the index order',
    matching: 1,
    command: (size) => ({
      findAndModify: name(size),
      query: { status: 'done', dueAt: { $gte: new Date(Date.UTC(2026, 0, 1)) } },
      sort: { dueAt: 1 },
      update: { $set: { claimed: true } },
    }),
    run: async (size) =>
      (
        await collectionOf(size).findOneAndUpdate(
          { status: 'done', dueAt: { $gte: new Date(Date.UTC(2026, 0, 1)) } },
          { $set: { status: 'claimed' } },
          { sort: { dueAt: 1 } },
        )
      )?._id,
    expected: () => pending,
  },
  {
    name: 'equality on a single-field non-unique index',
    matching: 1,
    command: (size) => ({ find: name(size), filter: { seq: middle(size) - 3 } }),
    run: async (size) =>
      ids(
        await collectionOf(size)
          .find({ seq: middle(size) - 3 })
          .toArray(),
      ),
    expected: (size) => [middle(size) - 3],
  },
  {
    name: 'equality on the value an update just set (a claim)',
    matching: 2,
    command: (size) => ({ find: name(size), filter: { claim: `claim-${size}` } }),
    prepare: async (size) => {
      await collectionOf(size).updateMany(
        { _id: { $in: [3, 4] } },
        { $set: { claim: `claim-${size}` } },
      );
    },
    run: async (size) =>
      ids(
        await collectionOf(size)
          .find({ claim: `claim-${size}` })
          .toArray(),
      ),
    expected: () => [3, 4],
  },
  {
    name: 'aggregate: $match on an indexed field, then $group',
    matching: versions,
    command: (size) => ({
      aggregate: name(size),
      pipeline: sumOfAggregate(size),
      cursor: {},
    }),
    run: async (size) => (await collectionOf(size).aggregate(sumOfAggregate(size)).toArray())[0],
    expected: (size) => ({ _id: null, total: 5 * (size - 3 * versions) + 10 }),
  },
  {
    name: 'range on an indexed field',
    matching: 10,
    command: (size) => ({ find: name(size), filter: { seq: { $gte: size - 20, $lt: size - 10 } } }),
    run: async (size) =>
      ids(
        await collectionOf(size)
          .find({ seq: { $gte: size - 20, $lt: size - 10 } })
          .toArray(),
      ),
    expected: (size) => range(size - 20, size - 10),
  },
];

describe('index use', () => {
  it.each(shapes.map((shape) => [shape.name, shape] as const))(
    '%s: examines only what matches, at 1k and at 50k documents',
    async (_name, shape) => {
      const seen = [];
      for (const size of sizes) {
        await shape.prepare?.(size);
        const plan = await explain(shape.command(size));
        seen.push({ size, ...plan, answer: await shape.run(size) });
      }
      expect(seen).toEqual(
        sizes.map((size) => ({
          size,
          docs: shape.matching,
          collectionScan: false,
          answer: shape.expected(size),
        })),
      );
    },
  );

  it('scans every document for a filter no index serves, and counts the scan', async () => {
    const scans = async () => {
      const status = await client.db('admin').command({ serverStatus: 1 });
      const metrics = status.metrics as { queryExecutor: { collectionScans: { total: number } } };
      return Number(metrics.queryExecutor.collectionScans.total);
    };
    for (const size of sizes) {
      const collection = collectionOf(size);
      const total = await collection.estimatedDocumentCount();
      const plan = await explain({ find: name(size), filter: { unindexed: middle(size) } });
      const before = await scans();
      const found = await collection.findOne({ unindexed: middle(size) });
      expect({ ...plan, answer: found?._id }).toEqual({
        docs: total,
        collectionScan: true,
        answer: middle(size),
      });
      expect(await scans()).toBeGreaterThan(before);
    }
  });
});
