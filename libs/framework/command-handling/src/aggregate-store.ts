import type { VersionedDocument } from './stored-event';

/** The `reason`s of an {@link AggregateStore}'s conflicts when someone else wrote first. */
export const storeConflictReasons = {
  /** `insert`: an aggregate with this id exists. */
  alreadyExists: 'already_exists',
  /** `replace`: the stored version is no longer the expected one. */
  versionMismatch: 'version_mismatch',
} as const;

/**
 * Where aggregate documents live. `insert` creates, `replace` swaps the whole document if its
 * version is still `expectedVersion`. Both throw `AppError('conflict')` with a reason of
 * {@link storeConflictReasons} when someone else wrote first, and `AppError('conflict')` with
 * reason `duplicate` when another unique index refuses the write. The Mongo
 * `VersionedRepository` is one.
 */
export interface AggregateStore<D extends VersionedDocument> {
  find(id: string): Promise<D | null>;
  insert(document: D): Promise<void>;
  replace(document: D, expectedVersion: number): Promise<void>;
}
