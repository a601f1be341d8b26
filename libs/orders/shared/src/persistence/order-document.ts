import type { VersionedDocument } from '@cqrs/framework-command-handling';
import type { Order } from '../domain/order';
import { orderSchema } from '../domain/order';

/**
 * An order as stored in the `orders` collection: the state (with `_id` as the order id) plus the
 * write model's bookkeeping (version, last event, applied command ids).
 */
export type OrderDocument = Omit<Order, 'id'> & VersionedDocument;

/** The bookkeeping half of a document, as the command handler computes it for a write. */
export type OrderDocumentMeta = Omit<VersionedDocument, '_id'>;

/** Builds the document to insert or replace for `state` at the version in `meta`. */
export function toOrderDocument(state: Order, meta: OrderDocumentMeta): OrderDocument {
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
export function fromOrderDocument(document: OrderDocument): Order {
  // Bookkeeping fields are not part of the state schema and are dropped by the parse.
  return orderSchema.parse({ ...document, id: document._id });
}
