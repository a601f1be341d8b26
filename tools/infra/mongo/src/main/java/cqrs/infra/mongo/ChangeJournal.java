package cqrs.infra.mongo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's oplog as change streams see it: every committed document write, in commit order,
 * indexed by a dense sequence number.
 *
 * <p>Why not the engine's own {@code CollectionBackedOplog}: it logs a replace as an update without
 * a post-image, appends inserts even when they failed, and answers every poll by scanning and sorting
 * the whole oplog collection. Here entries sit in a ring buffer ({@link JournalRing}) addressed by
 * {@code seq - firstSeq}, so locating a resume point is O(1) and a poll costs O(new entries),
 * independent of how much history is retained. Retention is bounded by {@code maxEntries}; the oldest entry is dropped when a new one
 * would exceed it.
 *
 * <p>Appends are called by the capturing collections while they still hold the collection's monitor
 * (see {@link ChangeCapture}), so per-collection journal order is exactly the order the writes were
 * applied, and the cluster time assigned here is strictly increasing across the whole journal.
 *
 * <p>Waiters ({@link #awaitAfter}) are one-shot callbacks run after the next append, outside this
 * lock; change-stream getMores use them to park without a thread.
 */
public final class ChangeJournal {

    private static final Logger log = LoggerFactory.getLogger(ChangeJournal.class);

    private static final int INITIAL_CAPACITY = 1024;

    private final int maxEntries;
    /** Bound on the bodies held on the heap (the in-memory journal): post-images make entries large. */
    private final long maxHeapBodyBytes;
    private long heapBodyBytes;
    private final JournalStore store;
    private final boolean bodiesOnHeap;

    // Retained entries, oldest (seq firstSeq) first. Guarded by this.
    private final JournalRing ring;
    private long firstSeq;
    private long nextSeq;
    // The newest entry ever dropped by retention (seq == firstSeq - 1), kept so a token pointing at it
    // can still be verified: everything after it is retained, so resuming there has no gap.
    private long truncatedSeq;
    private long truncatedTs;
    // Last cluster time handed out.
    private long lastSeconds;
    private long lastIncrement;

    private final Set<Runnable> waiters = new LinkedHashSet<>();

    ChangeJournal(JournalStore store, int maxEntries, long maxHeapBodyBytes) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("oplog max entries must be >= 1");
        }
        if (maxHeapBodyBytes < 1) {
            throw new IllegalArgumentException("oplog max bytes must be >= 1");
        }
        this.store = store;
        this.maxEntries = maxEntries;
        this.maxHeapBodyBytes = maxHeapBodyBytes;
        this.bodiesOnHeap = store.keepsBodiesOnHeap();
        JournalStore.Recovered recovered = store.recover(maxEntries);
        this.ring = new JournalRing(Math.max(Math.min(INITIAL_CAPACITY, maxEntries), recovered.entries().size()),
            maxEntries, bodiesOnHeap);
        this.truncatedSeq = recovered.truncatedSeq();
        this.truncatedTs = recovered.truncatedTs();
        this.firstSeq = truncatedSeq + 1;
        this.nextSeq = firstSeq;
        long lastTs = truncatedTs;
        for (JournalEntry entry : recovered.entries()) {
            if (ring.size() == 0) {
                firstSeq = entry.seq;
            } else if (entry.seq != nextSeq) {
                throw new IllegalStateException("change journal has a hole before seq " + entry.seq);
            }
            ring.add(entry);
            heapBodyBytes += heapBytes(entry);
            nextSeq = entry.seq + 1;
            lastTs = entry.ts;
        }
        this.lastSeconds = lastTs >>> 32;
        this.lastIncrement = lastTs & 0xFFFFFFFFL;
        log.info("change journal: {} entries retained (seq {}..{}), max {}", ring.size(), firstSeq, nextSeq - 1, maxEntries);
    }

    /**
     * Appends one change and wakes the parked change-stream readers.
     *
     * @param body BSON body (documentKey / fullDocument / updateDescription); must be a private copy
     */
    JournalEntry append(EventType type, String db, String coll, byte[] body) {
        JournalEntry entry;
        List<Runnable> toWake;
        synchronized (this) {
            entry = new JournalEntry(nextSeq, nextTimestamp(), System.currentTimeMillis(), type, db, coll, body);
            store.appended(entry);
            while (ring.size() > 0
                && (ring.size() == maxEntries || heapBodyBytes + heapBytes(entry) > maxHeapBodyBytes)) {
                truncateOldest();
            }
            ring.add(entry);
            heapBodyBytes += heapBytes(entry);
            nextSeq++;
            if (waiters.isEmpty()) {
                toWake = List.of();
            } else {
                toWake = new ArrayList<>(waiters);
                waiters.clear();
            }
        }
        // Outside the lock: callbacks only hand a task to a netty event loop, but must never run while
        // readers are excluded.
        for (Runnable waiter : toWake) {
            waiter.run();
        }
        return entry;
    }

    /** Strictly increasing BSON timestamp: wall-clock seconds, increment within the second. */
    private long nextTimestamp() {
        long seconds = Math.max(System.currentTimeMillis() / 1000, lastSeconds);
        if (seconds == lastSeconds) {
            lastIncrement++;
        } else {
            lastSeconds = seconds;
            lastIncrement = 1;
        }
        return (lastSeconds << 32) | lastIncrement;
    }

    private void truncateOldest() {
        JournalEntry oldest = entryAt(firstSeq);
        heapBodyBytes -= heapBytes(oldest);
        ring.removeOldest();
        firstSeq++;
        truncatedSeq = oldest.seq;
        truncatedTs = oldest.ts;
        store.truncated(oldest);
    }

    /** What the ring keeps of an entry's body on the heap: all of it for the in-memory journal, else nothing. */
    private long heapBytes(JournalEntry entry) {
        byte[] body = entry.bodyOrNull();
        return bodiesOnHeap && body != null ? body.length : 0;
    }

    private JournalEntry entryAt(long seq) {
        return ring.get((int) (seq - firstSeq), seq);
    }

    /** Seq of the newest entry, 0 if none was ever written. */
    synchronized long lastSeq() {
        return nextSeq - 1;
    }

    /** The high-water-mark token for "everything up to seq seen". */
    synchronized ResumeToken tokenAt(long seq) {
        return new ResumeToken(timestampAt(seq), seq, false);
    }

    /** Cluster time of the newest entry (0 when empty); reported as the aggregate's operationTime. */
    synchronized long lastTimestamp() {
        return timestampAt(nextSeq - 1);
    }

    private long timestampAt(long seq) {
        if (seq == 0) {
            return 0;
        }
        if (seq == truncatedSeq) {
            return truncatedTs;
        }
        if (seq < firstSeq || seq >= nextSeq) {
            throw ChangeStreamErrors.historyLost();
        }
        return ring.timestampAt((int) (seq - firstSeq));
    }

    /**
     * Checks that a token names a position in this journal's history and returns the seq to read
     * after. Older than retention: 286 ChangeStreamHistoryLost; unknown: 280.
     */
    synchronized long resolveResumePoint(ResumeToken token) {
        if (token.seq() >= nextSeq) {
            throw ChangeStreamErrors.tokenNotFound(token);
        }
        if (token.seq() < firstSeq - 1) {
            throw ChangeStreamErrors.historyLost();
        }
        if (timestampAt(token.seq()) != token.ts()) {
            throw ChangeStreamErrors.tokenNotFound(token);
        }
        return token.seq();
    }

    /** Seq to read after so the first entry returned has a cluster time >= {@code ts}. */
    synchronized long resolveOperationTime(long ts) {
        if (truncatedSeq > 0 && ts <= truncatedTs) {
            throw ChangeStreamErrors.historyLost();
        }
        // Cluster times increase with seq, so binary search the ring.
        long low = firstSeq;
        long high = nextSeq;
        while (low < high) {
            long mid = (low + high) >>> 1;
            if (ring.timestampAt((int) (mid - firstSeq)) < ts) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low - 1;
    }

    /**
     * Up to {@code max} entries after {@code afterSeq}, oldest first. Costs O(returned), whatever the
     * retained history.
     */
    synchronized List<JournalEntry> readAfter(long afterSeq, int max) {
        if (afterSeq < firstSeq - 1) {
            throw ChangeStreamErrors.historyLost();
        }
        long available = nextSeq - 1 - afterSeq;
        int count = (int) Math.min(available, max);
        if (count <= 0) {
            return List.of();
        }
        List<JournalEntry> entries = new ArrayList<>(count);
        for (long seq = afterSeq + 1; seq <= afterSeq + count; seq++) {
            entries.add(entryAt(seq));
        }
        return entries;
    }

    /** The entry's body, from the heap or the persistent store. */
    byte[] bodyOf(JournalEntry entry) {
        byte[] body = entry.bodyOrNull();
        if (body == null) {
            body = store.loadBody(entry.seq);
            if (body == null) {
                // Dropped by retention between reading the index and loading the body.
                throw ChangeStreamErrors.historyLost();
            }
        }
        return body;
    }

    /**
     * Registers a one-shot callback for the next append, unless entries after {@code afterSeq} already
     * exist (then returns false and registers nothing). Checking and registering under one lock closes
     * the race with a concurrent append.
     */
    synchronized boolean awaitAfter(long afterSeq, Runnable callback) {
        if (nextSeq - 1 > afterSeq) {
            return false;
        }
        waiters.add(callback);
        return true;
    }

    synchronized void cancelAwait(Runnable callback) {
        waiters.remove(callback);
    }

    synchronized int retainedEntries() {
        return ring.size();
    }
}
