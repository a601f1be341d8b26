package cqrs.infra.mongo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists the change journal in the same H2 MVStore as the documents.
 *
 * <p>Sharing the store is deliberate: an MVStore commit is one file version, and the
 * {@link WriteBarrier} keeps every "document write + journal append" pair entirely inside or entirely
 * outside a commit. After a crash the file therefore never holds a document change whose event is
 * missing (or the reverse), so a consumer resuming after the restart cannot silently skip a write.
 *
 * <p>Map names start with {@code $} and contain no dot: the H2 backend drops every map named
 * {@code <db>.*} when a database is dropped and opens maps prefixed {@code databases.}/{@code meta.}
 * as collections, and a name like this can collide with neither.
 */
final class H2JournalStore implements JournalStore {

    private static final Logger log = LoggerFactory.getLogger(H2JournalStore.class);

    private static final String ENTRIES_MAP = "$cqrs-change-journal";
    private static final String META_MAP = "$cqrs-change-journal-meta";
    private static final String TRUNCATED_SEQ = "truncatedSeq";
    private static final String TRUNCATED_TS = "truncatedTs";

    private final MVMap<Long, byte[]> entries;
    private final MVMap<String, Long> meta;

    H2JournalStore(MVStore store) {
        this.entries = store.openMap(ENTRIES_MAP);
        this.meta = store.openMap(META_MAP);
    }

    @Override
    public boolean keepsBodiesOnHeap() {
        return false;
    }

    @Override
    public Recovered recover(int maxEntries) {
        long excess = entries.sizeAsLong() - maxEntries;
        // A smaller --oplog-max-entries than the file was written with: trim the oldest now.
        while (excess-- > 0) {
            Long first = entries.firstKey();
            truncated(JournalEntry.decode(first, entries.get(first), false));
        }
        List<JournalEntry> recovered = new ArrayList<>((int) Math.min(entries.sizeAsLong(), Integer.MAX_VALUE));
        Iterator<Map.Entry<Long, byte[]>> iterator = entries.entrySet().iterator();
        while (iterator.hasNext()) {
            Map.Entry<Long, byte[]> entry = iterator.next();
            recovered.add(JournalEntry.decode(entry.getKey(), entry.getValue(), false));
        }
        long truncatedSeq = meta.getOrDefault(TRUNCATED_SEQ, 0L);
        long truncatedTs = meta.getOrDefault(TRUNCATED_TS, 0L);
        log.info("recovered {} change journal entries (last truncated seq {})", recovered.size(), truncatedSeq);
        return new Recovered(recovered, truncatedSeq, truncatedTs);
    }

    @Override
    public void appended(JournalEntry entry) {
        entries.put(entry.seq, entry.encode());
    }

    @Override
    public void truncated(JournalEntry entry) {
        entries.remove(entry.seq);
        meta.put(TRUNCATED_SEQ, entry.seq);
        meta.put(TRUNCATED_TS, entry.ts);
    }

    @Override
    public byte[] loadBody(long seq) {
        byte[] bytes = entries.get(seq);
        return bytes == null ? null : JournalEntry.bodyOf(bytes);
    }
}
