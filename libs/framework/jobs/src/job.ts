/** Where a job stands: working through its items, or finished one way or another. */
export const jobStatuses = ['running', 'completed', 'cancelled', 'failed'] as const;

export type JobStatus = (typeof jobStatuses)[number];

/**
 * A background job in MongoDB: what it goes through (`params`, as of `asOf`), how far it got
 * (`cursor`, the sort values of the last item handled) and what became of each item (`counts`
 * by outcome). Its state lives here, not in a process, so another replica can finish it.
 */
export interface JobDocument<P = Readonly<Record<string, unknown>>> {
  readonly _id: string;
  /** What sort of job, e.g. `parked-event-replay`; a runner only takes its own kind. */
  readonly kind: string;
  readonly status: JobStatus;
  /** The filter the job was started with, as the caller gave it. */
  readonly params: P;
  /** Items are those the filter matched up to this time: changes after it are not chased. */
  readonly asOf: Date;
  /** Items the filter matched when the job was created. */
  readonly matched: number;
  /** Items handled so far, whatever their outcome. */
  readonly processed: number;
  readonly counts: Readonly<Record<string, number>>;
  /** Sort values of the last item handled; `null` before the first. */
  readonly cursor: readonly unknown[] | null;
  /** The runner that works on it (fencing token): a runner whose claim was taken writes nothing. */
  readonly owner: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
  readonly cancelledBy: string | null;
  /** Why it failed, when it did. */
  readonly error: string | null;
}
