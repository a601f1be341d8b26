package cqrs.infra.mongo;

import java.util.List;

/**
 * Where the {@link ChangeJournal} keeps its entries beyond the heap index: nowhere (in-memory engine)
 * or in the engine's H2 MVStore, so resume tokens survive a restart.
 *
 * <p>All mutating calls are made by the journal under its own lock, in sequence order.
 */
interface JournalStore {

    /** True when entry bodies stay on the heap; false when {@link #loadBody} fetches them from disk. */
    boolean keepsBodiesOnHeap();

    /** Entries that survived a restart, oldest first, trimmed to {@code maxEntries}. */
    Recovered recover(int maxEntries);

    void appended(JournalEntry entry);

    void truncated(JournalEntry entry);

    /** The body of a retained entry, or null if it is no longer retained. */
    byte[] loadBody(long seq);

    /**
     * Recovered journal state.
     *
     * @param entries        retained entries, oldest first
     * @param truncatedSeq   seq of the newest entry ever truncated (0 when none)
     * @param truncatedTs    cluster time of that entry (0 when none); lets a token pointing exactly at
     *                       it still be validated and resumed without a gap
     */
    record Recovered(List<JournalEntry> entries, long truncatedSeq, long truncatedTs) {
    }

    /** Journal without persistence: the in-memory engine loses its history on restart, like its data. */
    static JournalStore inMemory() {
        return new JournalStore() {
            @Override
            public boolean keepsBodiesOnHeap() {
                return true;
            }

            @Override
            public Recovered recover(int maxEntries) {
                return new Recovered(List.of(), 0, 0);
            }

            @Override
            public void appended(JournalEntry entry) {
            }

            @Override
            public void truncated(JournalEntry entry) {
            }

            @Override
            public byte[] loadBody(long seq) {
                return null;
            }
        };
    }
}
