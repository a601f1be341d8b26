import type { Document, IndexDirection } from 'mongodb';

/**
 * One index a service needs: the DDL of this stack. Services declare their indexes next to their
 * persistence DTOs and apply them at start-up with {@link applyIndexes}.
 */
export interface IndexDeclaration {
  readonly collection: string;
  /** Field order matters: `{ tenant: 1, ref: 1 }`. */
  readonly key: Readonly<Record<string, IndexDirection>>;
  /** Always explicit, so a changed definition is recognised by name, never duplicated. */
  readonly name: string;
  readonly unique?: boolean;
  /**
   * Only documents matching this filter are indexed. The embedded engine stores but does not
   * honour it; production MongoDB does.
   */
  readonly partialFilterExpression?: Document;
  /** TTL index: documents expire this long after the date in the (single) key field. */
  readonly expireAfterSeconds?: number;
}

/** The options of a declaration as `createIndex` takes them and `listIndexes` reports them. */
export function indexOptions(declaration: IndexDeclaration): Document {
  const options: Document = { name: declaration.name };
  if (declaration.unique) options.unique = true;
  if (declaration.partialFilterExpression) {
    options.partialFilterExpression = declaration.partialFilterExpression;
  }
  if (declaration.expireAfterSeconds !== undefined) {
    options.expireAfterSeconds = declaration.expireAfterSeconds;
  }
  return options;
}

/**
 * Whether an index the server reports (`listIndexes`) is exactly what `declaration` asks for:
 * same key (in order), uniqueness, partial filter and TTL.
 */
export function sameIndex(existing: Document, declaration: IndexDeclaration): boolean {
  return (
    canonical(existing.key) === canonical(declaration.key) &&
    Boolean(existing.unique) === Boolean(declaration.unique) &&
    canonical(existing.partialFilterExpression) ===
      canonical(declaration.partialFilterExpression) &&
    existing.expireAfterSeconds === declaration.expireAfterSeconds
  );
}

// Key order is significant in an index key, and servers may report 1 as 1.0 or Long; JSON of
// the numbers as numbers keeps both the order and the comparison simple.
const canonical = (value: unknown): string =>
  JSON.stringify(value ?? null, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && 'toNumber' in v && typeof v.toNumber === 'function'
      ? (v.toNumber as () => number)()
      : v,
  );
