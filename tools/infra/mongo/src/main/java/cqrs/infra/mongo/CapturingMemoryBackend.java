package cqrs.infra.mongo;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The engine's in-memory backend with capturing databases/collections feeding a {@link ChangeJournal}.
 * The engine's own oplog stays disabled: change streams are served from the journal.
 */
public class CapturingMemoryBackend extends MemoryBackend implements CaptureContext {

    private final ChangeJournal journal;

    public CapturingMemoryBackend(ChangeJournal journal) {
        this.journal = journal;
    }

    @Override
    public CapturingMemoryDatabase openOrCreateDatabase(String databaseName) {
        return new CapturingMemoryDatabase(databaseName, getCursorRegistry(), this);
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
        // Nothing is checkpointed in memory; per-collection monitors already make write + append atomic.
        return WriteBarrier.none();
    }
}
