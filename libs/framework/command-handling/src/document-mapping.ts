import type { z } from 'zod';
import type { VersionedDocument } from './stored-event';

/** A state `S` as stored: its id field `K` becomes `_id`, plus the write model's bookkeeping. */
export type StoredDocument<S, K extends keyof S> = Omit<S, K> & VersionedDocument;

/** The bookkeeping half of a document, as the command handler computes it for a write. */
export type DocumentMeta = Omit<VersionedDocument, '_id'>;

/**
 * The `toDocument` / `fromDocument` pair of `createCommandHandler` for a state whose id is the
 * field `idField`. Reading validates with `schema`: a document that does not match the current
 * state schema (hand-edited, or written by an incompatible version) fails loudly instead of being
 * decided on; the bookkeeping fields are not part of the state and are dropped by the parse.
 */
export function documentMapping<S extends Record<K, string>, K extends string>(
  schema: z.ZodType<S>,
  idField: K,
) {
  return {
    /** Builds the document to insert or replace for `state` at the version in `meta`. */
    toDocument: (state: S, meta: DocumentMeta): StoredDocument<S, K> => {
      const { [idField]: id, ...fields } = state;
      return {
        _id: id,
        ...fields,
        version: meta.version,
        lastEvent: meta.lastEvent,
        processedCommands: meta.processedCommands,
      };
    },
    /** The state held in a stored document, validated. */
    fromDocument: (document: StoredDocument<S, K>): S =>
      schema.parse({ ...document, [idField]: document._id }),
  };
}
