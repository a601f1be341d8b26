import type { Db } from 'mongodb';
import { killable } from '../testing/killable-lease';
import { silentLogger, testDatabase, waitUntil } from '../testing/test-database';
import type { LeaderElector } from './leader-elector';
import { createLeaderElector } from './leader-elector';
import { createLease } from './lease';

const ttlMs = 1_500;

describe('LeaderElector', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let db: Db;
  let electors: LeaderElector[];
  // Shared by all replicas: how many run their leader work right now, and the most ever.
  let active: number;
  let maxActive: number;
  let timeline: string[];

  const replica = (owner: string, work?: (signal: AbortSignal) => Promise<void>) => {
    const lease = killable(
      createLease({ db, name: 'role', owner, ttlMs, now: () => new Date(), logger: silentLogger }),
    );
    const elector = createLeaderElector({
      lease,
      logger: silentLogger,
      onAcquired: async (signal) => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        timeline.push(`${owner} leads`);
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        active -= 1;
        timeline.push(`${owner} stops`);
        await work?.(signal);
      },
    });
    electors.push(elector);
    return { lease, elector };
  };

  beforeEach(async () => {
    database = await testDatabase();
    db = database.db;
    electors = [];
    active = 0;
    maxActive = 0;
    timeline = [];
  });
  afterEach(async () => {
    await Promise.all(electors.map((e) => e.stop()));
    await database.drop();
  });

  it('lets exactly one of two replicas lead while the leader keeps renewing', async () => {
    const a = replica('a');
    const b = replica('b');
    a.elector.start();
    b.elector.start();

    await waitUntil(() => active === 1, 'one replica leads');
    const leader = a.elector.isLeader() ? a : b;
    // Several renewals, i.e. more than two lease lifetimes; the leader must stay the leader.
    await waitUntil(() => leader.lease.renewals() >= 8, 'the leader renewed eight times');

    expect([a.elector.isLeader(), b.elector.isLeader()].filter(Boolean)).toHaveLength(1);
    expect(timeline).toHaveLength(1);
    expect(maxActive).toBe(1);
  });

  it('has decided once it tried for the lease, as leader or as standby', async () => {
    const a = replica('a');
    const b = replica('b');
    expect(a.elector.hasDecided()).toBe(false);
    a.elector.start();
    await waitUntil(() => a.elector.isLeader(), 'a leads');
    expect(a.elector.hasDecided()).toBe(true);

    b.elector.start();
    await waitUntil(() => b.elector.hasDecided(), 'b tried for the lease');
    expect(b.elector.isLeader()).toBe(false);
  });

  it('hands over to the standby when the leader dies, never running both', async () => {
    const a = replica('a');
    const b = replica('b');
    a.elector.start();
    await waitUntil(() => a.elector.isLeader(), 'a leads');
    b.elector.start();

    a.lease.kill();
    await waitUntil(() => b.elector.isLeader(), 'b takes over');

    expect(a.elector.isLeader()).toBe(false);
    expect(timeline).toEqual(['a leads', 'a stops', 'b leads']);
    expect(maxActive).toBe(1);
    a.lease.revive();
  });

  it('hands over at once when the leader stops cleanly', async () => {
    const a = replica('a');
    const b = replica('b');
    a.elector.start();
    await waitUntil(() => a.elector.isLeader(), 'a leads');
    b.elector.start();

    await a.elector.stop();
    await waitUntil(() => b.elector.isLeader(), 'b takes over');

    expect(timeline).toEqual(['a leads', 'a stops', 'b leads']);
    expect(await db.collection('leases').findOne({ _id: 'role' as never })).toMatchObject({
      owner: 'b',
    });
  });

  it('steps down and releases the lease when the leader work fails', async () => {
    let failures = 0;
    const lease = createLease({
      db,
      name: 'role',
      owner: 'flaky',
      ttlMs,
      now: () => new Date(),
      logger: silentLogger,
    });
    const flaky = createLeaderElector({
      lease,
      logger: silentLogger,
      onAcquired: () => {
        failures += 1;
        throw new Error('cannot work');
      },
    });
    electors.push(flaky);
    const b = replica('b');
    flaky.start();
    await waitUntil(() => failures === 1, 'the flaky replica tried');
    b.elector.start();

    await waitUntil(() => b.elector.isLeader(), 'b takes over');

    expect(flaky.isLeader()).toBe(false);
  });
});
