import type { Db } from 'mongodb';
import { MongoClient } from 'mongodb';
import { uniqueName } from '../testing/unique-name';

/**
 * Contract: `renameCollection` with `dropTarget` replaces the target at once, as MongoDB does: a
 * reader of the target finds the old collection or the new one, never none. A chgh read-model
 * rebuild switches this way while qryh keeps serving the read model. Runs against MONGO_URL:
 * the embedded engine by default, or a real MongoDB.
 */
const url = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';
const client = new MongoClient(url, { maxPoolSize: 8 });
let db: Db;

beforeAll(async () => {
  await client.connect();
  db = client.db(uniqueName('rename'));
});

afterAll(async () => {
  await db?.dropDatabase();
  await client.close();
});

it('replaces the target collection at once: readers never find it missing', async () => {
  type Generation = { _id: string; generation: number };
  const live = db.collection<Generation>('read_model');
  await live.insertOne({ _id: 'only', generation: 0 });
  const switches = 150;
  let switching = true;
  // Several readers at once, as qryh replicas would be; each sees generations in order.
  const reader = async () => {
    const seen: (number | null)[] = [];
    while (switching) {
      const found = await live.findOne({ _id: 'only' });
      seen.push(found?.generation ?? null);
    }
    return seen;
  };
  const readers = Array.from({ length: 4 }, reader);
  try {
    for (let generation = 1; generation <= switches; generation++) {
      const next = `read_model__rebuild_${generation}`;
      await db.collection<Generation>(next).insertOne({ _id: 'only', generation });
      await db.renameCollection(next, 'read_model', { dropTarget: true });
    }
  } finally {
    switching = false;
  }
  const seen = await Promise.all(readers);

  expect(seen.flat().filter((generation) => generation === null)).toEqual([]);
  for (const reads of seen) {
    expect(reads).toEqual([...reads].sort((a, b) => (a ?? -1) - (b ?? -1)));
  }
  expect(seen.flat().length).toBeGreaterThan(switches);
  expect((await live.findOne({ _id: 'only' }))?.generation).toBe(switches);
});
