import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { findPage } from './keyset-page';

const url = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';
const client = new MongoClient(url);
const db = client.db(`query-handling-${randomUUID().slice(0, 8)}`);

type Row = { _id: string; group: string; at: Date };
const rows = db.collection<Row>('rows');
const keys = [
  { field: 'at', direction: -1 },
  { field: '_id', direction: -1 },
] as const;

beforeAll(async () => {
  await client.connect();
  // 25 rows, several sharing a timestamp, so the tie-breaker matters.
  await rows.insertMany(
    Array.from({ length: 25 }, (_, i) => ({
      _id: `r${String(i).padStart(2, '0')}`,
      group: i % 2 === 0 ? 'even' : 'odd',
      at: new Date(Date.UTC(2026, 0, 1, 0, Math.floor(i / 3))),
    })),
  );
});
afterAll(async () => {
  await db.dropDatabase();
  await client.close();
});

async function all(filter: object, limit: number) {
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await findPage(
      rows,
      filter,
      keys,
      { limit, ...(cursor ? { cursor } : {}) },
      (r) => r._id,
    );
    seen.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor);
  return { seen, pages };
}

describe('findPage', () => {
  it('walks every item exactly once, newest first, across pages with tied sort values', async () => {
    const { seen, pages } = await all({}, 4);

    const expected = Array.from({ length: 25 }, (_, i) => `r${String(24 - i).padStart(2, '0')}`);
    expect(seen).toEqual(expected);
    expect(pages).toBe(7);
  });

  it('keeps the filter on every page', async () => {
    const { seen } = await all({ group: 'odd' }, 5);

    expect(seen).toHaveLength(12);
    expect(seen.every((id) => Number(id.slice(1)) % 2 === 1)).toBe(true);
  });

  it('reads only the projected fields, but always the sort keys', async () => {
    const page = await findPage(rows, {}, keys, { limit: 30, projection: { group: 1 } }, (r) => r);
    const excluded = await findPage(
      rows,
      {},
      keys,
      { limit: 2, projection: { group: 0, at: 0 } },
      (r) => r,
    );

    expect(Object.keys(page.items[0]!).sort()).toEqual(['_id', 'at', 'group']);
    expect(page.items).toHaveLength(25);
    expect(Object.keys(excluded.items[0]!).sort()).toEqual(['_id', 'at']);
    expect(excluded.nextCursor).not.toBeNull();
  });

  it('refuses a cursor it did not issue', async () => {
    await expect(
      findPage(rows, {}, keys, { limit: 2, cursor: 'bm9wZQ' }, (r) => r),
    ).rejects.toMatchObject({
      status: 400,
    });
  });
});
