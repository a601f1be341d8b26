import type { Collection, Db } from 'mongodb';
import type { LeaderElector } from '../lease/leader-elector';
import { createLease } from '../lease/lease';
import { killable } from '../testing/killable-lease';
import { silentLogger, testDatabase, waitUntil } from '../testing/test-database';
import type { ChangeEvent } from './change-event';
import { createChangeStreamSubscriber } from './change-stream-subscriber';
import { runWithLease } from './run-with-lease';

type Doc = { _id: string; version: number };

const ids = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `doc-${from + i}`);

describe('runWithLease', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let db: Db;
  let docs: Collection<Doc>;
  let electors: LeaderElector[];

  /** One replica of a one-active role: its own lease handle, subscriber and received ids. */
  const replica = (owner: string) => {
    const received: string[] = [];
    const lease = killable(
      createLease({
        db,
        name: 'docs-evp',
        owner,
        ttlMs: 1_500,
        now: () => new Date(),
        logger: silentLogger,
      }),
    );
    const subscriber = createChangeStreamSubscriber<Doc>({
      db,
      collection: 'docs',
      name: 'docs-evp',
      handle: (batch: ChangeEvent<Doc>[]) => {
        received.push(...batch.map((e) => e.documentKey._id));
        return Promise.resolve();
      },
      maxBatch: 20,
      logger: silentLogger,
      maxAwaitTimeMS: 200,
    });
    const elector = runWithLease(lease, subscriber, { logger: silentLogger });
    electors.push(elector);
    return { lease, subscriber, elector, received };
  };
  const insert = async (from: number, to: number) => {
    for (let i = from; i <= to; i++) await docs.insertOne({ _id: `doc-${i}`, version: 1 });
  };

  beforeEach(async () => {
    database = await testDatabase();
    db = database.db;
    docs = db.collection<Doc>('docs');
    electors = [];
  });
  afterEach(async () => {
    await Promise.all(electors.map((e) => e.stop()));
    await database.drop();
  });

  it('streams on the lease holder only, and the standby resumes from its checkpoint when it dies', async () => {
    const a = replica('a');
    const b = replica('b');
    await waitUntil(
      () => a.subscriber.isRunning() !== b.subscriber.isRunning(),
      'exactly one subscriber runs',
    );
    const [holder, standby] = a.elector.isLeader() ? [a, b] : [b, a];
    // The holder's first start checkpoints "now"; wait for it so no insert below predates it.
    await waitUntil(
      async () => (await db.collection('checkpoints').countDocuments()) === 1,
      'the stream is open',
    );

    await insert(1, 100);
    await waitUntil(() => holder.received.length === 100, 'the holder handled 100');
    expect(standby.received).toEqual([]);

    holder.lease.kill();
    await insert(101, 150);
    await waitUntil(() => standby.elector.isLeader(), 'the standby takes over');
    await insert(151, 200);
    await waitUntil(
      () => new Set([...holder.received, ...standby.received]).size === 200,
      'every event is handled by one of them',
    );

    expect(holder.subscriber.isRunning()).toBe(false);
    expect([...holder.received, ...standby.received]).toEqual(ids(1, 200));
    expect(standby.received.length).toBeGreaterThanOrEqual(50);
    holder.lease.revive();
  });
});
