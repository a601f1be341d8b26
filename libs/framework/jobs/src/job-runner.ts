import type { Db, Document } from 'mongodb';
import type { Logger } from '@cqrs/framework-core';
import { AppError, backgroundLoop, sleep } from '@cqrs/framework-core';
import type { Lease, LeaderElector } from '@cqrs/framework-mongo';
import { createLease, createLeaderElector, defaultLeaseOwner } from '@cqrs/framework-mongo';
import type { JobDocument } from './job';
import type { JobKind } from './job-kind';
import type { JobStore } from './job-store';
import { runJob } from './run-job';

export interface JobRunnerOptions<P, D extends Document, O extends string> {
  /** Where the claims (leases) live. */
  readonly db: Db;
  readonly store: JobStore;
  readonly kind: JobKind<P, D, O>;
  readonly logger: Logger;
  /** Unique per process; {@link defaultLeaseOwner} when absent. */
  readonly owner?: string;
  /** How long a claim on a job outlives its holder: another replica takes over after it. */
  readonly claimTtlMs?: number;
  /** How often the runner looks for jobs to work on or take over (default 1 s). */
  readonly pollIntervalMs?: number;
  /** Items read at a time (default 50). */
  readonly batchSize?: number;
  /** Failed attempts at a job (a throw, e.g. MongoDB down) before it is marked failed. */
  readonly maxFailures?: number;
  readonly now?: () => Date;
  /** The claim on one job; tests wrap it to make a runner "die" while holding it. */
  readonly lease?: (name: string) => Lease;
}

/** Background jobs of one kind: started through the API, worked on by every replica's runner. */
export interface JobRunner<P> {
  /** Starts looking for running jobs; each is worked on by the one replica holding its claim. */
  start(): Promise<void>;
  /** Stops working (the item in flight finishes) and releases its claims. */
  stop(): Promise<void>;
  /** Looks for jobs now rather than at the next poll. */
  wake(): void;
  /** Counts what `params` matches now and creates a running job for it. */
  submit(params: P, createdBy: string): Promise<JobDocument>;
  /** @throws AppError `not_found` (reason `job_not_found`). */
  get(id: string): Promise<JobDocument>;
  /**
   * Cancels a running job: it stops after the item in flight. Cancelling a cancelled job
   * answers it as it is.
   * @throws AppError `not_found`; `conflict` (reason `job_finished`) once completed or failed.
   */
  cancel(id: string, by: string): Promise<JobDocument>;
}

const notFound = (id: string) =>
  new AppError('not_found', `No job ${id}`, { details: { reason: 'job_not_found' } });

/**
 * The job runner of one kind (DESIGN: dead letters cleared in bulk). Every replica runs one.
 * A running job is worked on only by the replica holding its claim, a lease named
 * `job:<id>` renewed while it works (`createLeaderElector`); when that replica dies, another
 * takes the claim once it expired and continues from the job's persisted cursor. Progress
 * writes are fenced by the claimant's owner token, so a replica that lost its claim writes
 * nothing more.
 */
export function createJobRunner<P, D extends Document, O extends string>(
  options: JobRunnerOptions<P, D, O>,
): JobRunner<P> {
  const { store, kind } = options;
  const owner = options.owner ?? defaultLeaseOwner();
  const now = options.now ?? (() => new Date());
  const claimTtlMs = options.claimTtlMs ?? 15_000;
  const maxFailures = options.maxFailures ?? 5;
  const logger = options.logger.child({ module: 'job-runner', kind: kind.kind });
  const context = { kind, store, owner, batchSize: options.batchSize ?? 50, now };
  const lease =
    options.lease ??
    ((name: string) =>
      createLease({
        db: options.db,
        name,
        owner,
        ttlMs: claimTtlMs,
        now: () => new Date(),
        logger,
      }));
  const electors = new Map<string, LeaderElector>();
  const failures = new Map<string, number>();
  let woken = new AbortController();

  const release = (id: string) => {
    const elector = electors.get(id);
    electors.delete(id);
    failures.delete(id);
    // Not awaited: called from the job's own term, which `stop` waits for.
    void elector?.stop();
  };

  async function work(id: string, signal: AbortSignal): Promise<void> {
    try {
      const end = await runJob(context, id, signal);
      logger.info({ jobId: id, end }, 'job run ended');
      if (end !== 'stopped') release(id);
    } catch (error) {
      const failed = (failures.get(id) ?? 0) + 1;
      failures.set(id, failed);
      if (failed < maxFailures) throw error; // the term ends; the claim is taken again later
      logger.error({ err: error, jobId: id }, 'job failed');
      await store.finish(id, owner, { status: 'failed', error: (error as Error).message }, now());
      release(id);
    }
  }

  function follow(id: string): LeaderElector {
    const elector = createLeaderElector({
      lease: lease(`job:${id}`),
      logger,
      onAcquired: (signal) => work(id, signal),
    });
    elector.start();
    return elector;
  }

  async function scan(): Promise<void> {
    const running = new Set(await store.running(kind.kind));
    for (const id of running) if (!electors.has(id)) electors.set(id, follow(id));
    for (const id of electors.keys()) if (!running.has(id)) release(id);
  }

  const loop = backgroundLoop(async (stop, ready) => {
    ready();
    while (!stop.aborted) {
      await scan().catch((error: unknown) => logger.warn({ err: error }, 'job scan failed'));
      await sleep(options.pollIntervalMs ?? 1_000, AbortSignal.any([stop, woken.signal]));
      woken = new AbortController();
    }
    const stopping = [...electors.values()].map((elector) => elector.stop());
    electors.clear();
    await Promise.all(stopping);
  });

  const get = async (id: string) => {
    const job = await store.get(kind.kind, id);
    if (job === null) throw notFound(id);
    return job;
  };

  return {
    start: () => loop.start(),
    stop: () => loop.stop(),
    wake: () => woken.abort(),
    async submit(params, createdBy) {
      const asOf = now();
      const matched = await kind.collection.countDocuments(kind.filter(params, asOf));
      const job = await store.create({
        kind: kind.kind,
        params: params as Readonly<Record<string, unknown>>,
        matched,
        asOf,
        createdBy,
        outcomes: kind.outcomes,
      });
      woken.abort();
      return job;
    },
    get,
    async cancel(id, by) {
      const cancelled = await store.cancel(kind.kind, id, by, now());
      if (cancelled !== null) return cancelled;
      const job = await get(id);
      if (job.status === 'cancelled') return job;
      throw new AppError('conflict', `Job ${id} is already ${job.status}`, {
        details: { reason: 'job_finished', status: job.status },
      });
    },
  };
}
