import type { Collection, Document, Filter } from 'mongodb';
import type { SortKey } from '@cqrs/framework-query-handling';

/**
 * One kind of background job: the documents it goes through, in a stable keyset order, and what
 * it does with each. The runner persists the order's values after every item, so a job resumed
 * elsewhere starts after the last item handled.
 */
export interface JobKind<P, D extends Document, O extends string> {
  /** Stored with each job, e.g. `parked-event-replay`. */
  readonly kind: string;
  /** How handling an item can end, e.g. `replayed`; each is counted in the job. */
  readonly outcomes: readonly O[];
  readonly collection: Collection<D>;
  /** The order items are handled in; the last key must be unique (usually `_id`). */
  readonly order: readonly SortKey[];
  /**
   * The items of a job started with `params` at `asOf`. Handled items should leave it (e.g. by
   * a status change), so a job started again with the same filter finds nothing to do twice.
   */
  readonly filter: (params: P, asOf: Date) => Filter<D>;
  /**
   * Handles one item of job `jobId`; expected failures are outcomes, a throw is retried (see
   * the runner).
   */
  readonly handle: (item: D, params: P, jobId: string) => Promise<O>;
}
