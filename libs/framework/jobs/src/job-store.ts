import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { IndexDeclaration } from '@cqrs/framework-mongo';
import type { JobDocument, JobStatus } from './job';

/** The collection jobs live in unless an app names another. */
export const defaultJobsCollection = 'background_jobs';

/** The indexes the store needs: runners look for running jobs of their kind. */
export const jobIndexes = (collection: string = defaultJobsCollection): IndexDeclaration[] => [
  { collection, key: { kind: 1, status: 1 }, name: 'kind_status' },
];

/** A job to create: counted by the caller, with the time its items are taken as of. */
export interface NewJob {
  readonly kind: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly matched: number;
  readonly asOf: Date;
  readonly createdBy: string;
  readonly outcomes: readonly string[];
}

/** Jobs of every kind in one collection; every method is one single-document write or a read. */
export interface JobStore {
  readonly jobs: Collection<JobDocument>;
  create(job: NewJob): Promise<JobDocument>;
  get(kind: string, id: string): Promise<JobDocument | null>;
  /** Ids of the running jobs of `kind`. */
  running(kind: string): Promise<string[]>;
  /** Makes `owner` the job's only writer; `null` when it no longer runs. */
  claim(id: string, owner: string, now: Date): Promise<JobDocument | null>;
  /**
   * Counts one handled item and moves the cursor past it, if `owner` still holds the job (also
   * when it was cancelled meanwhile, so the item in flight is counted); `null` when it does not.
   */
  progress(
    id: string,
    owner: string,
    item: { readonly outcome: string; readonly cursor: readonly unknown[] },
    now: Date,
  ): Promise<JobDocument | null>;
  /** Ends a running job that `owner` holds; `false` when it no longer held it. */
  finish(
    id: string,
    owner: string,
    end: { readonly status: 'completed' | 'failed'; readonly error?: string },
    now: Date,
  ): Promise<boolean>;
  /** Cancels a running job; `null` when there is none running (see `get`). */
  cancel(kind: string, id: string, by: string, now: Date): Promise<JobDocument | null>;
  /** How many jobs of `kind` there are per status. */
  countByStatus(kind: string): Promise<Record<JobStatus, number>>;
}

/** The jobs of `db.<collection>`. Creating it does no I/O. */
export function createJobStore(db: Db, collection: string = defaultJobsCollection): JobStore {
  const jobs = db.collection<JobDocument>(collection);
  return {
    jobs,
    async create({ kind, params, matched, asOf, createdBy, outcomes }) {
      const job: JobDocument = {
        _id: randomUUID(),
        kind,
        status: 'running',
        params,
        asOf,
        matched,
        processed: 0,
        counts: Object.fromEntries(outcomes.map((outcome) => [outcome, 0])),
        cursor: null,
        owner: null,
        createdBy,
        createdAt: asOf,
        updatedAt: asOf,
        finishedAt: null,
        cancelledBy: null,
        error: null,
      };
      await jobs.insertOne(job);
      return job;
    },
    get: (kind, id) => jobs.findOne({ _id: id, kind }),
    running: async (kind) =>
      (await jobs.find({ kind, status: 'running' }, { projection: { _id: 1 } }).toArray()).map(
        (job) => job._id,
      ),
    claim: (id, owner, now) =>
      jobs.findOneAndUpdate(
        { _id: id, status: 'running' },
        { $set: { owner, updatedAt: now } },
        { returnDocument: 'after' },
      ),
    progress: (id, owner, { outcome, cursor }, now) =>
      jobs.findOneAndUpdate(
        { _id: id, owner },
        { $inc: { processed: 1, [`counts.${outcome}`]: 1 }, $set: { cursor, updatedAt: now } },
        { returnDocument: 'after' },
      ),
    async finish(id, owner, { status, error }, now) {
      const result = await jobs.updateOne(
        { _id: id, owner, status: 'running' },
        { $set: { status, finishedAt: now, updatedAt: now, error: error ?? null } },
      );
      return result.matchedCount === 1;
    },
    cancel: (kind, id, by, now) =>
      jobs.findOneAndUpdate(
        { _id: id, kind, status: 'running' },
        { $set: { status: 'cancelled', cancelledBy: by, finishedAt: now, updatedAt: now } },
        { returnDocument: 'after' },
      ),
    async countByStatus(kind) {
      const counts = { running: 0, completed: 0, cancelled: 0, failed: 0 };
      const groups = await jobs
        .aggregate<{ _id: JobStatus; count: number }>([
          { $match: { kind } },
          { $group: { _id: '$status', count: { $sum: 1 } } },
        ])
        .toArray();
      for (const group of groups) counts[group._id] = group.count;
      return counts;
    },
  };
}
