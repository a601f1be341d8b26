import type { VersionedDocument } from './stored-event';

/**
 * Where aggregate documents live. `insert` creates, `replace` swaps the whole document if its
 * version is still `expectedVersion`. Both throw `AppError('conflict')` with `details.reason`
 * `already_exists` / `version_mismatch` when someone else wrote first, and
 * `AppError('conflict')` with reason `duplicate` when another unique index refuses the write.
 * The Mongo `VersionedRepository` of `@cqrs/framework-mongo` is one.
 */
export interface AggregateStore<D extends VersionedDocument> {
  find(id: string): Promise<D | null>;
  insert(document: D): Promise<void>;
  replace(document: D, expectedVersion: number): Promise<void>;
}
