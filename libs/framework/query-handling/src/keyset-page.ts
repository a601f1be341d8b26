import type { Collection, Document, Filter, Sort } from 'mongodb';
import { BSON } from 'mongodb';
import { AppError } from '@cqrs/framework-core';

/** One sort key of a listing; the last one must be unique (usually `_id`) so pages never overlap. */
export interface SortKey {
  readonly field: string;
  readonly direction: 1 | -1;
}

export interface PageRequest {
  readonly limit: number;
  /** Opaque cursor from the previous page's `nextCursor`. */
  readonly cursor?: string;
  /**
   * Fields to read (MongoDB projection), so large bookkeeping fields stay on the server. The
   * sort keys are always read as well: the next cursor is made of them.
   */
  readonly projection?: Readonly<Record<string, 0 | 1>>;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

const valueAt = (document: Document, field: string): unknown =>
  field.split('.').reduce<unknown>((v, key) => (v as Document | undefined)?.[key], document);

/** The sort values of `document` under `keys`: where a keyset listing stands after it. */
export const keysetValues = (keys: readonly SortKey[], document: Document): unknown[] =>
  keys.map((key) => valueAt(document, key.field));

/** The cursor is the sort values of the last item (EJSON keeps dates and ids typed), base64url. */
const encodeCursor = (values: unknown[]): string =>
  Buffer.from(BSON.EJSON.stringify(values, { relaxed: false })).toString('base64url');

function decodeCursor(cursor: string, keys: readonly SortKey[]): unknown[] {
  try {
    const values: unknown = BSON.EJSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === keys.length) return values;
  } catch {
    // fall through: any undecodable cursor is the client's mistake
  }
  throw new AppError('bad_request', 'The cursor is not one this API issued', {
    details: { reason: 'invalid_cursor' },
  });
}

/**
 * `(k1, k2, ...) after (v1, v2, ...)` in the sort order, as a MongoDB filter: the seek condition
 * of keyset paging, for callers that keep the last values themselves (a resumable job).
 */
export function keysetAfter(
  keys: readonly SortKey[],
  values: readonly unknown[],
): Filter<Document> {
  const branches = keys.map((key, i) => {
    const equal = Object.fromEntries(keys.slice(0, i).map((k, j) => [k.field, values[j]]));
    return { ...equal, [key.field]: { [key.direction === 1 ? '$gt' : '$lt']: values[i] } };
  });
  return { $or: branches };
}

/** An inclusive projection gains the sort keys; an exclusive one must not exclude them. */
function withSortKeys(
  projection: Readonly<Record<string, 0 | 1>>,
  keys: readonly SortKey[],
): Record<string, 0 | 1> {
  const inclusive = Object.values(projection).some((v) => v === 1);
  const result = { ...projection };
  for (const key of keys) {
    if (inclusive) result[key.field] = 1;
    else delete result[key.field];
  }
  return result;
}

/**
 * Keyset (seek) pagination: each page is one indexed range query after the previous page's last
 * sort values, so page N costs the same as page 1 and concurrent inserts never shift or repeat
 * items the way `skip` would.
 */
export async function findPage<D extends Document, T>(
  collection: Collection<D>,
  filter: Filter<D>,
  keys: readonly SortKey[],
  request: PageRequest,
  map: (document: D) => T,
): Promise<Page<T>> {
  const query: Filter<D> = request.cursor
    ? ({ $and: [filter, keysetAfter(keys, decodeCursor(request.cursor, keys))] } as Filter<D>)
    : filter;
  const sort: Sort = Object.fromEntries(keys.map((k) => [k.field, k.direction]));
  const projection = request.projection && withSortKeys(request.projection, keys);
  const documents = (await collection
    .find(query, projection ? { projection } : {})
    .sort(sort)
    .limit(request.limit + 1)
    .toArray()) as D[];
  const hasMore = documents.length > request.limit;
  const items = documents.slice(0, request.limit);
  const last = items.at(-1);
  return {
    items: items.map(map),
    nextCursor: hasMore && last ? encodeCursor(keysetValues(keys, last)) : null,
  };
}
