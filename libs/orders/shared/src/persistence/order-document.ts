import type { DocumentMeta, StoredDocument } from '@cqrs/framework-command-handling';
import { documentMapping } from '@cqrs/framework-command-handling';
import type { Order } from '../domain/order';
import { orderSchema } from '../domain/order';

/**
 * An order as stored in the `orders` collection: the state (with `_id` as the order id) plus the
 * write model's bookkeeping (version, last event, applied command ids).
 */
export type OrderDocument = StoredDocument<Order, 'id'>;

/** The bookkeeping half of a document, as the command handler computes it for a write. */
export type OrderDocumentMeta = DocumentMeta;

/**
 * `toOrderDocument` builds the document to insert or replace for a state; `fromOrderDocument`
 * reads the state back, validated, so a document that no longer matches the schema fails loudly.
 */
export const { toDocument: toOrderDocument, fromDocument: fromOrderDocument } = documentMapping(
  orderSchema,
  'id',
);
