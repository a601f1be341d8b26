package cqrs.infra.mongo;

import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Deep copies of query results, taken while the collection monitor is held.
 *
 * <p>The engine returns its stored {@link Document} objects from queries and serializes them on the
 * netty thread after the collection monitor was released; a concurrent update mutates those same
 * objects in place, so a {@code find} racing a {@code replaceOne} could return a torn document or fail
 * with a ConcurrentModificationException that closes the connection. Copying under the monitor gives
 * every read a consistent per-document snapshot, as MongoDB does.
 */
final class Snapshots {

    private Snapshots() {
    }

    static QueryResult of(QueryResult result) {
        return new QueryResult(copy(result), result.getCursorId());
    }

    static List<Document> copy(Iterable<Document> documents) {
        List<Document> copies = new ArrayList<>();
        for (Document document : documents) {
            copies.add(document == null ? null : document.cloneDeeply());
        }
        return copies;
    }

    /** findAndModify returns the stored object as {@code value} when {@code new: true}. */
    static Document ofFindAndModify(Document response) {
        Object value = response.get("value");
        if (value instanceof Document) {
            response.put("value", ((Document) value).cloneDeeply());
        }
        return response;
    }
}
