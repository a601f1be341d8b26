package cqrs.infra.mongo;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * In-memory database that creates {@link CapturingMemoryCollection}s and journals collection drops.
 */
public class CapturingMemoryDatabase extends MemoryDatabase implements CaptureContext {

    // Set after super(): the engine opens collections from inside the superclass constructor, which is
    // why collections look the context up lazily instead of receiving it.
    private final CaptureContext backend;

    public CapturingMemoryDatabase(String databaseName, CursorRegistry cursorRegistry, CaptureContext backend) {
        super(databaseName, cursorRegistry);
        this.backend = backend;
    }

    @Override
    protected CapturingMemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
        return new CapturingMemoryCollection(this, collectionName, options, cursorRegistry);
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        MongoCollection<Integer> collection = resolveCollection(collectionName, true);
        DropJournaling.dropCollection(this, collection, () -> super.dropCollection(collectionName, oplog));
    }

    // --- indexes: non-unique ones ordered and used; compound unique ones also ordered (IndexPlanner) ---

    @Override
    protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                  boolean sparse) {
        return new OrderedIndex<>(indexName, keys, sparse, OrderedEntries.inMemory());
    }

    @Override
    protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                               boolean sparse) {
        return OrderedUniqueIndex.orderedIfCompound(
            super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse), sparse, OrderedEntries::inMemory);
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
