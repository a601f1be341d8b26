package cqrs.infra.mongo;

import java.util.function.Supplier;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Records a collection's writes into the {@link ChangeJournal} from inside the collection's write
 * path.
 *
 * <p>This is where faithfulness comes from. The engine applies each write while holding the
 * collection's monitor ({@code AbstractSynchronizedMongoCollection}), but its own oplog hooks run
 * after that (inserts: after the monitor is released, and even for inserts that failed) and never see
 * the post-image. The capturing collections instead call {@link #inserted}, {@link #updated} and
 * {@link #deleted} from the engine's internal per-document hooks, which run under the monitor right
 * after the document was changed and only if it was. So for every event:
 * <ul>
 *   <li>the post-image is encoded before the monitor is released: it is exactly what that write
 *       produced, never what a later write left behind;</li>
 *   <li>events of one collection are appended in exactly the order its writes were applied;</li>
 *   <li>a write that fails (duplicate key, no document matched the version filter) records nothing.</li>
 * </ul>
 *
 * <p>One instance per collection; all state is guarded by the collection's monitor.
 */
final class ChangeCapture {

    private final MongoCollection<?> collection;

    /** What an in-place modification currently being applied is: a REPLACE or an UPDATE. */
    private EventType modificationType = EventType.UPDATE;
    /** Nesting depth of captured write operations; > 0 means a query is internal to a write. */
    private int writeDepth;

    ChangeCapture(MongoCollection<?> collection) {
        this.collection = collection;
    }

    private CaptureContext context() {
        MongoDatabase database = collection.getDatabase();
        return database instanceof CaptureContext ? (CaptureContext) database : null;
    }

    /** Runs a write operation inside the write barrier. Call with the collection monitor held. */
    <T> T write(Supplier<T> operation) {
        CaptureContext context = context();
        WriteBarrier barrier = context == null || context.barrier() == null ? WriteBarrier.none() : context.barrier();
        writeDepth++;
        try {
            return barrier.shared(operation);
        } finally {
            writeDepth--;
        }
    }

    void write(Runnable operation) {
        write(() -> {
            operation.run();
            return null;
        });
    }

    /**
     * Runs an update/findAndModify whose in-place modifications are replaces when {@code updateSpec}
     * has no $-operators (replaceOne, findOneAndReplace) and updates otherwise.
     */
    <T> T modifying(Object updateSpec, Supplier<T> operation) {
        EventType previous = modificationType;
        modificationType = isReplacement(updateSpec) ? EventType.REPLACE : EventType.UPDATE;
        try {
            return write(operation);
        } finally {
            modificationType = previous;
        }
    }

    /** True while a captured write is running, i.e. a query is the write's own lookup. */
    boolean insideWrite() {
        return writeDepth > 0;
    }

    private static boolean isReplacement(Object updateSpec) {
        if (!(updateSpec instanceof Document)) {
            return false; // pipeline-style update or remove
        }
        for (String key : ((Document) updateSpec).keySet()) {
            if (key.startsWith("$")) {
                return false;
            }
        }
        return true;
    }

    /** A document was stored (insert or upsert). */
    void inserted(Document document) {
        record(EventType.INSERT, document, document, null);
    }

    /** A stored document was changed in place; {@code after} is the stored post-image. */
    void updated(Document before, Document after) {
        EventType type = modificationType;
        Document description = type == EventType.UPDATE ? UpdateDescriptions.diff(before, after) : null;
        record(type, after, after, description);
    }

    /** A stored document was removed. */
    void deleted(Document document) {
        record(EventType.DELETE, document, null, null);
    }

    private void record(EventType type, Document keySource, Document fullDocument, Document updateDescription) {
        if (collection.getCollectionName().startsWith("system.")) {
            return; // engine bookkeeping; MongoDB does not stream system collections either
        }
        CaptureContext context = context();
        ChangeJournal journal = context == null ? null : context.journal();
        if (journal == null) {
            return;
        }
        Document body = new Document("documentKey", new Document("_id", keySource.get("_id")));
        if (fullDocument != null) {
            body.append("fullDocument", fullDocument);
        }
        if (updateDescription != null) {
            body.append("updateDescription", updateDescription);
        }
        // Encoding now, under the collection monitor, is the snapshot: later writes mutate the stored
        // Document object in place.
        journal.append(type, collection.getDatabaseName(), collection.getCollectionName(), BsonBytes.encode(body));
    }
}
