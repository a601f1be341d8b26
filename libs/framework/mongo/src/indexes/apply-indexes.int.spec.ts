import type { Db } from 'mongodb';
import { silentLogger, testDatabase } from '../testing/test-database';
import { applyIndexes } from './apply-indexes';
import type { IndexDeclaration } from './index-declaration';

const declarations: IndexDeclaration[] = [
  { collection: 'customers', key: { email: 1 }, name: 'email_unique', unique: true },
  { collection: 'customers', key: { state: 1, _id: 1 }, name: 'state_id' },
  { collection: 'deliveries', key: { at: 1 }, name: 'at_ttl', expireAfterSeconds: 3_600 },
];

describe('applyIndexes', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let db: Db;

  beforeEach(async () => {
    database = await testDatabase();
    db = database.db;
  });
  afterEach(() => database.drop());

  it('creates every declared index, on collections that do not exist yet', async () => {
    const applied = await applyIndexes(db, declarations, silentLogger);

    expect(applied.created).toEqual([
      'customers.email_unique',
      'customers.state_id',
      'deliveries.at_ttl',
    ]);
    const names = await db
      .collection('customers')
      .indexInformation()
      .then((info) => Object.keys(info));
    expect(names).toEqual(expect.arrayContaining(['_id_', 'email_unique', 'state_id']));
    await db.collection('customers').insertOne({ email: 'a@example.com' });
    await expect(db.collection('customers').insertOne({ email: 'a@example.com' })).rejects.toThrow(
      /duplicate key/,
    );
  });

  it('is harmless the second time', async () => {
    await applyIndexes(db, declarations, silentLogger);

    const again = await applyIndexes(db, declarations, silentLogger);

    expect(again).toEqual({ created: [], replaced: [], unchanged: expect.any(Array) as string[] });
    expect(again.unchanged).toHaveLength(3);
  });

  it('rebuilds an index whose definition changed under the same name', async () => {
    await applyIndexes(db, declarations, silentLogger);
    const changed = { ...declarations[0]!, unique: false };

    const applied = await applyIndexes(db, [changed], silentLogger);

    expect(applied.replaced).toEqual(['customers.email_unique']);
    await db.collection('customers').insertMany([{ email: 'a@x' }, { email: 'a@x' }]);
    expect(await db.collection('customers').countDocuments({ email: 'a@x' })).toBe(2);
  });

  it('refuses a declaration list that names an index twice', async () => {
    await expect(
      applyIndexes(db, [declarations[0]!, declarations[0]!], silentLogger),
    ).rejects.toThrow(/declared twice/);
  });
});
