import type { Db } from 'mongodb';
import { silentLogger, testDatabase } from '../testing/test-database';
import type { LeaseDocument } from './lease';
import { createLease } from './lease';

describe('Lease', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let db: Db;
  // One clock shared by every replica in the test: moving it is how time passes.
  let clock: number;
  const now = () => new Date(clock);
  const leaseOf = (owner: string) =>
    createLease({ db, name: 'evp', owner, ttlMs: 10_000, now, logger: silentLogger });

  beforeEach(async () => {
    database = await testDatabase();
    db = database.db;
    clock = Date.UTC(2025, 0, 1);
  });
  afterEach(() => database.drop());

  it('is granted to the first replica and refused to others while it is live', async () => {
    const a = leaseOf('a');
    const b = leaseOf('b');

    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    expect(await a.tryAcquire()).toBe(true);

    const stored = await db.collection<LeaseDocument>('leases').findOne({ _id: 'evp' });
    expect(stored).toEqual({ _id: 'evp', owner: 'a', expiresAt: new Date(clock + 10_000) });
    expect(a.remainingMs()).toBe(10_000);
    expect(b.remainingMs()).toBe(0);
  });

  it('goes to another replica once it expired, and the old holder can no longer renew', async () => {
    const a = leaseOf('a');
    const b = leaseOf('b');
    await a.tryAcquire();

    clock += 10_000;

    expect(await b.tryAcquire()).toBe(true);
    expect(await a.renew()).toBe(false);
    expect(a.remainingMs()).toBe(0);
  });

  it('is extended by renewals, so a standby keeps waiting', async () => {
    const a = leaseOf('a');
    const b = leaseOf('b');
    await a.tryAcquire();

    for (let i = 0; i < 5; i++) {
      clock += 5_000;
      expect(await a.renew()).toBe(true);
      expect(await b.tryAcquire()).toBe(false);
    }
  });

  it('cannot be renewed once lapsed, even if nobody took it', async () => {
    const a = leaseOf('a');
    await a.tryAcquire();

    clock += 10_001;

    expect(await a.renew()).toBe(false);
    expect(await a.tryAcquire()).toBe(true);
  });

  it('is free for a standby at once after release', async () => {
    const a = leaseOf('a');
    const b = leaseOf('b');
    await a.tryAcquire();

    await a.release();

    expect(await b.tryAcquire()).toBe(true);
    expect(await a.renew()).toBe(false);
  });

  it('goes to exactly one of many replicas racing for it', async () => {
    const replicas = Array.from({ length: 10 }, (_, i) => leaseOf(`r${i}`));

    const results = await Promise.all(replicas.map((lease) => lease.tryAcquire()));

    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
