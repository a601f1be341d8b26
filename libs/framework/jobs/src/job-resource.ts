import { z } from 'zod';
import type { JobDocument } from './job';
import { jobStatuses } from './job';

/** The job id in a job's path. */
export const jobParamsSchema = z.object({
  jobId: z.uuid().describe('Id of the job, from the Location of its creation'),
});

/**
 * A job as the API shows it: its status, the filter it was started with, and its progress, one
 * count per outcome of the kind (e.g. `replayed`, `stillFailing`) beside `matched`.
 */
export const jobResourceSchema = <const O extends string, F extends z.ZodType>(
  filter: F,
  outcomes: readonly O[],
) =>
  z
    .object({
      id: z.string(),
      status: z
        .enum(jobStatuses)
        .describe('running; completed: every item handled; cancelled; failed: see error'),
      filter,
      matched: z.number().int().nonnegative().describe('Items the filter matched at the start'),
      processed: z.number().int().nonnegative().describe('Items handled so far'),
      createdBy: z.string().describe('Subject of the token that started it'),
      createdAt: z.iso.datetime(),
      updatedAt: z.iso.datetime(),
      finishedAt: z.iso.datetime().nullable(),
      cancelledBy: z.string().nullable(),
      error: z.string().nullable().describe('Why it failed; null unless failed'),
    })
    .extend(
      Object.fromEntries(
        outcomes.map((outcome) => [
          outcome,
          z.number().int().nonnegative().describe(`Items that ended ${outcome}`),
        ]),
      ) as Record<O, z.ZodNumber>,
    );

/** Maps a stored job to its resource; `filter` is what the job was started with. */
export const toJobResource = <O extends string>(job: JobDocument, outcomes: readonly O[]) => ({
  id: job._id,
  status: job.status,
  filter: job.params,
  matched: job.matched,
  processed: job.processed,
  createdBy: job.createdBy,
  createdAt: job.createdAt.toISOString(),
  updatedAt: job.updatedAt.toISOString(),
  finishedAt: job.finishedAt?.toISOString() ?? null,
  cancelledBy: job.cancelledBy,
  error: job.error,
  ...(Object.fromEntries(outcomes.map((o) => [o, job.counts[o] ?? 0])) as Record<O, number>),
});
