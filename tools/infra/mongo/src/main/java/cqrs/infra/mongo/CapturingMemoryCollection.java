package cqrs.infra.mongo;

import java.util.List;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * In-memory collection whose writes are recorded by a {@link ChangeCapture} under the collection
 * monitor. Every override is {@code synchronized} (the same monitor the engine's synchronized
 * collection uses) so that applying a write and journaling it are one atomic step.
 *
 * <p>The override set mirrors {@link CapturingH2Collection}; Java has no mixins, so the shared logic
 * lives in {@link ChangeCapture} and {@link Snapshots}.
 */
public class CapturingMemoryCollection extends MemoryCollection {

    private final ChangeCapture capture = new ChangeCapture(this);

    public CapturingMemoryCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                                     CursorRegistry cursorRegistry) {
        super(database, collectionName, options, cursorRegistry);
    }

    // --- write operations: run inside the write barrier ---

    @Override
    public synchronized void addDocument(Document document) {
        capture.write(() -> {
            super.addDocument(document);
            capture.inserted(document); // only reached if no unique index rejected it
        });
    }

    @Override
    public synchronized List<Document> insertDocuments(List<Document> documents, boolean isOrdered) {
        return capture.write(() -> super.insertDocuments(documents, isOrdered));
    }

    @Override
    public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
                                                 boolean isMulti, boolean isUpsert, Oplog oplog) {
        return capture.modifying(update, () -> super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog));
    }

    @Override
    public synchronized Document findAndModify(Document query) {
        return capture.modifying(query.get("update"), () -> Snapshots.ofFindAndModify(super.findAndModify(query)));
    }

    @Override
    public synchronized int deleteDocuments(Document selector, int limit, Oplog oplog) {
        return capture.write(() -> super.deleteDocuments(selector, limit, oplog));
    }

    @Override
    public synchronized void removeDocument(Document document) {
        capture.write(() -> super.removeDocument(document));
    }

    // --- per-document hooks of the engine: called under the monitor, only for applied changes ---

    @Override
    protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
        super.handleUpdate(position, oldDocument, newDocument);
        capture.updated(oldDocument, newDocument);
    }

    @Override
    protected void removeDocument(Integer position) {
        Document removed = getDocument(position);
        super.removeDocument(position);
        capture.deleted(removed);
    }

    // --- reads: hand out copies, never the stored (in-place mutated) objects ---

    @Override
    public synchronized QueryResult handleQuery(QueryParameters queryParameters) {
        QueryResult result = super.handleQuery(queryParameters);
        // The write paths (findAndModify, deleteDocuments) query for the stored objects and modify them.
        return capture.insideWrite() ? result : Snapshots.of(result);
    }

    /** Every read and every write's lookup: planned on the indexes ({@link IndexPlanner}). */
    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        return IndexPlanner.query(this, query, orderBy,
            (positions, sort) -> matchDocuments(query, positions, sort, numberToSkip, limit, batchSize, fieldSelector),
            () -> matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector));
    }

    @Override
    protected Cursor createCursor(List<Document> remainingDocuments) {
        return super.createCursor(Snapshots.copy(remainingDocuments));
    }

    // --- index changes: the engine leaves these unsynchronized; a unique index built concurrently
    // with inserts could miss a duplicate ---

    @Override
    public synchronized void addIndex(Index<Integer> index) {
        super.addIndex(index);
        if (index instanceof OrderedUniqueIndex) {
            ((OrderedUniqueIndex<Integer>) index).rebuildOrder(streamAllDocumentsWithPosition());
        }
    }

    @Override
    public synchronized void dropIndex(String indexName) {
        super.dropIndex(indexName);
    }
}
