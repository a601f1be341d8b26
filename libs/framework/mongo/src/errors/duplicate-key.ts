import { MongoServerError } from 'mongodb';

/** MongoDB's code for a write rejected by a unique index. */
export const duplicateKeyCode = 11000;

// Both MongoDB and the embedded engine name the index in the message:
// "E11000 duplicate key error collection: db.coll index: email_1 dup key: { ... }".
const indexInMessage = /\bindex: (\S+) dup key\b/;

/** Whether `error` is a write rejected by a unique index (including `_id`). */
export function isDuplicateKeyError(error: unknown): error is MongoServerError {
  return error instanceof MongoServerError && error.code === duplicateKeyCode;
}

/**
 * The name of the unique index a duplicate-key error is about, or `undefined` when the server
 * did not say. `_id_` means the document itself already exists.
 */
export function duplicateKeyIndex(error: MongoServerError): string | undefined {
  const match = indexInMessage.exec(error.errmsg || error.message);
  if (match?.[1]) return match[1];
  // Servers that omit the name still send the key pattern; `{ _id: 1 }` is the only way to
  // tell a document that already exists from a clash on a secondary unique index.
  const pattern: unknown = error.errorResponse.keyPattern;
  if (pattern && typeof pattern === 'object' && Object.keys(pattern).join() === '_id') {
    return '_id_';
  }
  return undefined;
}
