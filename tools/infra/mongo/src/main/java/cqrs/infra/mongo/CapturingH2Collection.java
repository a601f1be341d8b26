package cqrs.infra.mongo;

import java.util.List;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * H2-backed collection whose writes are recorded by a {@link ChangeCapture} under the collection
 * monitor; same overrides and reasons as {@link CapturingMemoryCollection}.
 */
public class CapturingH2Collection extends H2Collection {

    private final ChangeCapture capture = new ChangeCapture(this);

    public CapturingH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                                 MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap,
                                 CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
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
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        super.handleUpdate(position, oldDocument, newDocument);
        capture.updated(oldDocument, newDocument);
    }

    @Override
    protected void removeDocument(Object position) {
        Document removed = getDocument(position);
        super.removeDocument(position);
        capture.deleted(removed);
    }

    // --- reads: hand out copies, never the stored (in-place mutated) objects ---

    @Override
    public synchronized QueryResult handleQuery(QueryParameters queryParameters) {
        QueryResult result = super.handleQuery(queryParameters);
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

    // --- index changes: serialized with writes (the engine leaves them unsynchronized) ---

    @Override
    public synchronized void addIndex(Index<Object> index) {
        super.addIndex(index);
        if (index instanceof OrderedUniqueIndex) {
            ((OrderedUniqueIndex<Object>) index).rebuildOrder(streamAllDocumentsWithPosition());
        }
    }

    @Override
    public synchronized void dropIndex(String indexName) {
        super.dropIndex(indexName);
    }
}
