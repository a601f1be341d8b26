import type { Collection } from 'mongodb';
import { createMetrics } from '@cqrs/framework-core';
import { waitUntil } from '@cqrs/framework-core/testing';
import { createLease } from '@cqrs/framework-mongo';
import type { TestDatabase } from '@cqrs/framework-mongo/testing';
import { killable, silentLogger, testDatabase } from '@cqrs/framework-mongo/testing';
import type { JobKind } from './job-kind';
import { jobsGauge } from './job-metrics';
import type { JobRunner } from './job-runner';
import { createJobRunner } from './job-runner';
import type { JobStore } from './job-store';
import { createJobStore } from './job-store';

interface Item {
  readonly _id: string;
  readonly n: number;
  readonly status: 'todo' | 'done';
}
type Params = { readonly below: number };
type Outcome = 'done' | 'odd';

let database: TestDatabase;
let store: JobStore;
let items: Collection<Item>;
/** Every call of `handle`, in order, by runner. */
let handled: string[];
let runners: JobRunner<Params>[];

/** A kind over `items` below `params.below`, in `n` order; `gate` may hold an item back. */
const kindOf = (
  runner: string,
  gate: (item: Item) => Promise<void> = () => Promise.resolve(),
): JobKind<Params, Item, Outcome> => ({
  kind: 'test-job',
  outcomes: ['done', 'odd'],
  collection: items,
  order: [
    { field: 'n', direction: 1 },
    { field: '_id', direction: 1 },
  ],
  filter: (params) => ({ status: 'todo', n: { $lt: params.below } }),
  handle: async (item) => {
    await gate(item);
    handled.push(`${runner}:${item._id}`);
    await items.updateOne({ _id: item._id }, { $set: { status: 'done' } });
    return item.n % 2 === 1 ? 'odd' : 'done';
  },
});

const runnerOf = (kind: JobKind<Params, Item, Outcome>, extra: object = {}) => {
  const runner = createJobRunner({
    db: database.db,
    store,
    kind,
    logger: silentLogger,
    claimTtlMs: 1_500,
    pollIntervalMs: 100,
    batchSize: 3,
    ...extra,
  });
  runners.push(runner);
  return runner;
};

const jobOf = (id: string) => store.get('test-job', id);
const finished = async (id: string) => (await jobOf(id))?.status !== 'running';

/** Resolves when released; `held` tells the test it was reached. */
function latch() {
  let release!: (error?: Error) => void;
  let reached = false;
  const opened = new Promise<void>((resolve, reject) => {
    release = (error) => (error ? reject(error) : resolve());
  });
  return {
    wait: () => {
      reached = true;
      return opened;
    },
    release,
    reached: () => reached,
  };
}

beforeEach(async () => {
  database = await testDatabase('jobs');
  store = createJobStore(database.db);
  items = database.db.collection<Item>('items');
  await items.insertMany(
    Array.from({ length: 8 }, (_, n) => ({ _id: `i-${n}`, n, status: 'todo' as const })),
  );
  handled = [];
  runners = [];
});
afterEach(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
  await database.drop();
});

describe('JobRunner', () => {
  it('works a job through every matching item, recording progress by outcome', async () => {
    const runner = runnerOf(kindOf('a'));
    await runner.start();

    const job = await runner.submit({ below: 7 }, 'ops-1');
    await waitUntil(() => finished(job._id), 'the job finished');

    expect(job).toMatchObject({ status: 'running', matched: 7, processed: 0, createdBy: 'ops-1' });
    expect(await runner.get(job._id)).toMatchObject({
      status: 'completed',
      matched: 7,
      processed: 7,
      counts: { done: 4, odd: 3 },
      params: { below: 7 },
      finishedAt: expect.any(Date) as Date,
    });
    expect(handled).toEqual([0, 1, 2, 3, 4, 5, 6].map((n) => `a:i-${n}`));
    expect(await items.countDocuments({ status: 'todo' })).toBe(1);
  });

  it('handles nothing twice when the same job runs again', async () => {
    const runner = runnerOf(kindOf('a'));
    await runner.start();
    const first = await runner.submit({ below: 5 }, 'ops-1');
    await waitUntil(() => finished(first._id), 'the first job finished');

    const second = await runner.submit({ below: 5 }, 'ops-1');
    await waitUntil(() => finished(second._id), 'the second job finished');

    expect(await runner.get(second._id)).toMatchObject({
      status: 'completed',
      matched: 0,
      processed: 0,
    });
    expect(handled).toHaveLength(5);
  });

  it('stops a cancelled job after the item in flight, and keeps it cancelled', async () => {
    const gate = latch();
    const runner = runnerOf(
      kindOf('a', (item) => (item.n === 2 ? gate.wait() : Promise.resolve())),
    );
    await runner.start();
    const job = await runner.submit({ below: 8 }, 'ops-1');
    await waitUntil(() => gate.reached(), 'the third item is in flight');

    const cancelled = await runner.cancel(job._id, 'ops-2');
    gate.release();
    await waitUntil(
      async () => (await jobOf(job._id))?.processed === 3,
      'the item in flight counted',
    );
    const again = await runner.cancel(job._id, 'ops-3');

    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'ops-2' });
    expect(again).toMatchObject({ status: 'cancelled', cancelledBy: 'ops-2', processed: 3 });
    expect(handled).toEqual(['a:i-0', 'a:i-1', 'a:i-2']);
    expect(await items.countDocuments({ status: 'todo' })).toBe(5);
  });

  it('refuses to cancel a completed job, and knows no foreign id', async () => {
    const runner = runnerOf(kindOf('a'));
    await runner.start();
    const job = await runner.submit({ below: 1 }, 'ops-1');
    await waitUntil(() => finished(job._id), 'the job finished');

    await expect(runner.cancel(job._id, 'ops-1')).rejects.toMatchObject({
      code: 'conflict',
      details: { reason: 'job_finished', status: 'completed' },
    });
    await expect(runner.get('3b241101-e2bb-4255-8caf-4136c566a962')).rejects.toMatchObject({
      code: 'not_found',
      details: { reason: 'job_not_found' },
    });
  });

  it('is taken over by another runner once the claim of one that died expired', async () => {
    const gate = latch();
    const leases: ReturnType<typeof killable>[] = [];
    const dying = runnerOf(
      kindOf('a', (item) => (item.n === 3 ? gate.wait() : Promise.resolve())),
      {
        owner: 'a',
        lease: (name: string) => {
          const lease = killable(
            createLease({
              db: database.db,
              name,
              owner: 'a',
              ttlMs: 1_500,
              now: () => new Date(),
              logger: silentLogger,
            }),
          );
          leases.push(lease);
          return lease;
        },
      },
    );
    await dying.start();
    const job = await dying.submit({ below: 8 }, 'ops-1');
    await waitUntil(() => gate.reached(), 'runner a works on the fourth item');
    // Runner a dies: its claim is no longer renewed and its work never finishes.
    leases.forEach((lease) => lease.kill());

    const survivor = runnerOf(kindOf('b'), { owner: 'b' });
    await survivor.start();
    await waitUntil(() => finished(job._id), 'runner b finished the job');
    // The dead runner's item in flight fails; it must not record anything after b took over.
    gate.release(new Error('the process died'));
    leases.forEach((lease) => lease.revive());

    expect(handled).toEqual([
      'a:i-0',
      'a:i-1',
      'a:i-2',
      'b:i-3',
      'b:i-4',
      'b:i-5',
      'b:i-6',
      'b:i-7',
    ]);
    expect(await jobOf(job._id)).toMatchObject({
      status: 'completed',
      owner: 'b',
      matched: 8,
      processed: 8,
    });
  });

  it('marks a job failed once its items keep failing', async () => {
    const runner = runnerOf(
      kindOf('a', () => Promise.reject(new Error('the target is gone'))),
      { maxFailures: 2 },
    );
    await runner.start();

    const job = await runner.submit({ below: 8 }, 'ops-1');
    await waitUntil(() => finished(job._id), 'the job gave up');

    expect(await jobOf(job._id)).toMatchObject({
      status: 'failed',
      error: 'the target is gone',
      processed: 0,
    });
  });
});

describe('jobsGauge', () => {
  it('reports the jobs of its kind per status when scraped', async () => {
    const { registry } = createMetrics('test-jobs');
    jobsGauge(registry, store, 'test-job');
    const runner = runnerOf(kindOf('a'));
    const done = await runner.submit({ below: 0 }, 'ops-1');
    await runner.submit({ below: 8 }, 'ops-1');
    await runner.cancel(done._id, 'ops-1');

    const text = await registry.metrics();

    expect(text).toContain(
      'background_jobs{kind="test-job",status="running",service="test-jobs"} 1',
    );
    expect(text).toContain(
      'background_jobs{kind="test-job",status="cancelled",service="test-jobs"} 1',
    );
    expect(text).toContain(
      'background_jobs{kind="test-job",status="completed",service="test-jobs"} 0',
    );
  });
});
