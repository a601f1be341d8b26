package cqrs.infra.mongo;

import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * H2 database that creates {@link CapturingH2Collection}s and journals collection drops.
 */
public class CapturingH2Database extends H2Database implements CaptureContext {

    // Map name prefixes of the stock H2Database (package-private there); must stay identical so
    // files written by the stock backend open unchanged.
    private static final String DATABASES_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

    /**
     * The store, for collections opened by H2Database's constructor: that runs before this class's
     * fields are assigned, and the superclass keeps its own store reference private.
     */
    private static final ThreadLocal<MVStore> STORE_UNDER_CONSTRUCTION = new ThreadLocal<>();

    private final MVStore store;
    // Set after super(); see CapturingMemoryDatabase.
    private final CaptureContext backend;

    private CapturingH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry, CaptureContext backend) {
        super(databaseName, store, cursorRegistry);
        this.store = store;
        this.backend = backend;
    }

    /** Opens (or creates) a database in {@code store}; existing collections reopen as capturing ones. */
    public static CapturingH2Database open(String databaseName, MVStore store, CursorRegistry cursorRegistry,
                                           CaptureContext backend) {
        STORE_UNDER_CONSTRUCTION.set(store);
        try {
            return new CapturingH2Database(databaseName, store, cursorRegistry, backend);
        } finally {
            STORE_UNDER_CONSTRUCTION.remove();
        }
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        MVStore mvStore = mvStore();
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> dataMap = mvStore.openMap(DATABASES_PREFIX + fullName);
        MVMap<String, Object> metaMap = mvStore.openMap(META_PREFIX + fullName);
        return new CapturingH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    /** The store, also while H2Database's constructor opens collections and indexes. */
    private MVStore mvStore() {
        return store != null ? store : STORE_UNDER_CONSTRUCTION.get();
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        MongoCollection<Object> collection = resolveCollection(collectionName, true);
        DropJournaling.dropCollection(this, collection, () -> super.dropCollection(collectionName, oplog));
    }

    // --- indexes: non-unique ones ordered and used; compound unique ones also ordered (IndexPlanner);
    //     their entries in the store, beside the documents (H2OrderedEntries) ---

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                     boolean sparse) {
        return new OrderedIndex<>(indexName, keys, sparse, orderedEntries(collectionName, indexName));
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                  boolean sparse) {
        return OrderedUniqueIndex.orderedIfCompound(
            super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse), sparse,
            () -> orderedEntries(collectionName, indexName));
    }

    private OrderedEntries<Object> orderedEntries(String collectionName, String indexName) {
        return H2OrderedEntries.open(mvStore(), getFullCollectionNamespace(collectionName), indexName);
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        String oldFullName = collection.getFullName();
        super.moveCollection(oldDatabase, collection, newCollectionName);
        H2OrderedEntries.rename(mvStore(), oldFullName, getFullCollectionNamespace(newCollectionName));
    }

    @Override
    public ChangeJournal journal() {
        return backend == null ? null : backend.journal();
    }

    @Override
    public WriteBarrier barrier() {
        return backend == null ? null : backend.barrier();
    }
}
