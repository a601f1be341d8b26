package cqrs.infra.mongo;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The engine's H2 (MVStore file) backend with capturing databases/collections feeding a
 * {@link ChangeJournal} that is persisted in the same store ({@link H2JournalStore}).
 */
public class CapturingH2Backend extends H2Backend implements CaptureContext {

    // Assigned after super(): H2Backend's constructor already reopens the databases found in the file
    // (through openOrCreateDatabase below); nothing user-visible is written during that.
    private final ChangeJournal journal;
    private final WriteBarrier barrier;

    public CapturingH2Backend(MVStore store, ChangeJournal journal, WriteBarrier barrier) {
        super(store);
        this.journal = journal;
        this.barrier = barrier;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return CapturingH2Database.open(databaseName, getMvStore(), getCursorRegistry(), this);
    }

    @Override
    public void dropDatabase(String databaseName) {
        boolean existed = listDatabaseNames().contains(databaseName);
        DropJournaling.dropDatabase(this, databaseName, existed, () -> super.dropDatabase(databaseName));
    }

    @Override
    public ChangeJournal journal() {
        return journal;
    }

    @Override
    public WriteBarrier barrier() {
        return barrier;
    }
}
