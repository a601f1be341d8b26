import type { VersionedDocument } from '@cqrs/framework-command-handling';
import type { Customer } from '../domain/customer';
import { customerSchema } from '../domain/customer';

/**
 * A customer as stored in the `customers` collection: the state (with `_id` as the customer id)
 * plus the write model's bookkeeping (version, last event, applied command ids).
 */
export type CustomerDocument = Omit<Customer, 'id'> & VersionedDocument;

/** The bookkeeping half of a document, as the command handler computes it for a write. */
export type CustomerDocumentMeta = Omit<VersionedDocument, '_id'>;

/** Builds the document to insert or replace for `state` at the version in `meta`. */
export function toDocument(state: Customer, meta: CustomerDocumentMeta): CustomerDocument {
  const { id, ...fields } = state;
  return {
    _id: id,
    ...fields,
    version: meta.version,
    lastEvent: meta.lastEvent,
    processedCommands: meta.processedCommands,
  };
}

/**
 * The state held in a stored document. Validated: a document that does not match the current
 * state schema (hand-edited, or written by an incompatible version) fails loudly here instead
 * of being decided on.
 */
export function fromDocument(document: CustomerDocument): Customer {
  // Bookkeeping fields are not part of the state schema and are dropped by the parse.
  return customerSchema.parse({ ...document, id: document._id });
}
