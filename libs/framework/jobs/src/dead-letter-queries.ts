import type { Collection, Document, Filter } from 'mongodb';

/**
 * How many documents matching `match` there are per value of `field` (a failure reason): what a
 * dead-letter gauge reports when scraped.
 */
export async function countByReason<R extends string, D extends Document>(
  collection: Collection<D>,
  match: Filter<D>,
  field: string,
): Promise<Partial<Record<R, number>>> {
  const rows = await collection
    .aggregate<{ _id: R; count: number }>([
      { $match: match },
      { $group: { _id: `$${field}`, count: { $sum: 1 } } },
    ])
    .toArray();
  return Object.fromEntries(rows.map((row) => [row._id, row.count])) as Partial<Record<R, number>>;
}

/**
 * A bulk replay's filter as of its start: its window ends at `asOf` at the latest, so an item
 * that failed again during the job (and so failed later) is not taken twice.
 */
export function capWindowAt<W extends { readonly to?: string | undefined }>(
  window: W,
  asOf: Date,
): W & { readonly to: string } {
  const capped = window.to === undefined || Date.parse(window.to) > asOf.getTime();
  return { ...window, to: capped ? asOf.toISOString() : window.to };
}
