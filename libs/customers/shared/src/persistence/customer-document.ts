import type { DocumentMeta, StoredDocument } from '@cqrs/framework-command-handling';
import { documentMapping } from '@cqrs/framework-command-handling';
import type { Customer } from '../domain/customer';
import { customerSchema } from '../domain/customer';

/**
 * A customer as stored in the `customers` collection: the state (with `_id` as the customer id)
 * plus the write model's bookkeeping (version, last event, applied command ids).
 */
export type CustomerDocument = StoredDocument<Customer, 'id'>;

/** The bookkeeping half of a document, as the command handler computes it for a write. */
export type CustomerDocumentMeta = DocumentMeta;

/**
 * `toDocument` builds the document to insert or replace for a state; `fromDocument` reads the
 * state back, validated, so a document that no longer matches the schema fails loudly.
 */
export const { toDocument, fromDocument } = documentMapping(customerSchema, 'id');
