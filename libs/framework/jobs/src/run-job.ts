import type { Document, Filter, Sort } from 'mongodb';
import { keysetAfter, keysetValues } from '@cqrs/framework-query-handling';
import type { JobDocument } from './job';
import type { JobKind } from './job-kind';
import type { JobStore } from './job-store';

/** What a runner needs to work on one job. */
export interface RunJobContext<P, D extends Document, O extends string> {
  readonly kind: JobKind<P, D, O>;
  readonly store: JobStore;
  /** This runner's fencing token. */
  readonly owner: string;
  readonly batchSize: number;
  readonly now: () => Date;
}

/** How working on a job ended here: finished, or left to whoever holds it now. */
export type RunEnd = 'completed' | 'cancelled' | 'taken' | 'stopped';

/**
 * Works on job `id` until it is done, cancelled, claimed by another runner, or `signal` aborts:
 * claims it, then reads its items after the cursor a batch at a time and, for each, handles it
 * and records the outcome and the new cursor in one write. A job resumed elsewhere so starts
 * after the last item recorded; at most the item in flight when a runner died is handled again,
 * and a kind whose handled items leave its filter sees even that one no more.
 */
export async function runJob<P, D extends Document, O extends string>(
  context: RunJobContext<P, D, O>,
  id: string,
  signal: AbortSignal,
): Promise<RunEnd> {
  const { kind, store, owner, now } = context;
  let job = await store.claim(id, owner, now());
  if (job === null) return 'taken';
  const sort: Sort = Object.fromEntries(kind.order.map((key) => [key.field, key.direction]));
  while (!signal.aborted) {
    const items = await kind.collection
      .find(itemsOf(kind, job))
      .sort(sort)
      .limit(context.batchSize)
      .toArray();
    if (items.length === 0) {
      return (await store.finish(id, owner, { status: 'completed' }, now()))
        ? 'completed'
        : 'taken';
    }
    for (const item of items as D[]) {
      if (signal.aborted) return 'stopped';
      const outcome = await kind.handle(item, job.params as P, id);
      const cursor = keysetValues(kind.order, item);
      const next: JobDocument | null = await store.progress(id, owner, { outcome, cursor }, now());
      if (next === null) return 'taken';
      job = next;
      if (job.status === 'cancelled') return 'cancelled';
    }
  }
  return 'stopped';
}

/** The job's items not handled yet: its filter, after its cursor. */
function itemsOf<P, D extends Document, O extends string>(
  kind: JobKind<P, D, O>,
  job: JobDocument,
): Filter<D> {
  const filter = kind.filter(job.params as P, job.asOf);
  return job.cursor === null
    ? filter
    : ({ $and: [filter, keysetAfter(kind.order, job.cursor)] } as Filter<D>);
}
