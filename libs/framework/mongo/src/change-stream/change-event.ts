import type {
  ChangeStreamInsertDocument,
  ChangeStreamReplaceDocument,
  Document,
  Timestamp,
} from 'mongodb';

/**
 * What a subscriber receives by default: the inserts and replaces of the write model, each with
 * the exact document that write produced as `fullDocument` (DESIGN section 3).
 */
export type ChangeEvent<T extends Document = Document> =
  ChangeStreamInsertDocument<T> | ChangeStreamReplaceDocument<T>;

/** Passes only inserts and replaces: the write model never updates in place or deletes. */
export const writeEventsPipeline: Document[] = [
  { $match: { operationType: { $in: ['insert', 'replace'] } } },
];

/** Reported after every acknowledged batch, e.g. to feed throughput and lag metrics. */
export interface BatchInfo {
  /** The subscriber's name. */
  readonly name: string;
  readonly count: number;
  /** When the last event of the batch was committed (second precision), if the server says. */
  readonly lastClusterTime: Date | undefined;
}

/** The commit time of a change event as a `Date`; cluster times count seconds since the epoch. */
export function clusterTimeOf(event: { clusterTime?: Timestamp }): Date | undefined {
  return event.clusterTime ? new Date(event.clusterTime.t * 1000) : undefined;
}
