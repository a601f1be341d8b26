package cqrs.infra.mongo;

import de.bwaldvogel.mongo.bson.Document;

/** Reads a document's current state by _id, for {@code fullDocument: 'updateLookup'}. */
@FunctionalInterface
interface DocumentLookup {

    /** A private copy of the document, or null if it does not exist (any more). */
    Document find(String db, String coll, Object id);
}
