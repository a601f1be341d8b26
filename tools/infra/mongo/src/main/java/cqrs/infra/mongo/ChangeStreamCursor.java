package cqrs.infra.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;

/**
 * One open change stream: a read position in the {@link ChangeJournal} and how to turn journal
 * entries into the change events this stream returns.
 *
 * <p>The position always advances over every entry examined, including entries of other namespaces
 * and events the pipeline filtered out, and {@link Batch#postBatchResumeToken} names that position.
 * That is MongoDB's high-water-mark semantics: a driver that resumes from the token of an empty batch
 * continues exactly where the server stopped looking, with no gap and no duplicate.
 */
final class ChangeStreamCursor {

    /** Upper bound on response size; MongoDB's hard limit is 16 MB per batch document. */
    private static final long MAX_BATCH_BYTES = 8L * 1024 * 1024;
    /** Upper bound on entries examined per call, so one call never monopolises an event loop. */
    private static final int MAX_SCAN_PER_CALL = 20_000;
    private static final int SCAN_CHUNK = 1024;
    /** Rough per-event overhead on top of the body (token, ns, times), for the size bound. */
    private static final int EVENT_OVERHEAD_BYTES = 200;

    /** One batch of events plus the position after it. */
    record Batch(List<Document> events, ResumeToken postBatchResumeToken, boolean exhausted) {
    }

    final long id;
    final ChangeStreamSpec spec;
    private final ChangeJournal journal;
    private final DocumentLookup lookup;

    // Guarded by this.
    private long position;
    private long positionTs;
    private JournalEntry pendingInvalidate;
    private boolean exhausted;

    private volatile boolean killed;
    private volatile long lastUsedNanos = System.nanoTime();
    /** Wakes the getMore parked on this cursor, if any (so killCursors answers it at once). */
    private volatile Runnable parkedWaker;

    ChangeStreamCursor(long id, ChangeStreamSpec spec, ChangeJournal journal, DocumentLookup lookup) {
        this.id = id;
        this.spec = spec;
        this.journal = journal;
        this.lookup = lookup;
        start();
    }

    /** Resolves the start position from resumeAfter / startAfter / startAtOperationTime / now. */
    private void start() {
        ResumeToken token = spec.startAfter != null ? spec.startAfter : spec.resumeAfter;
        if (token != null) {
            position = journal.resolveResumePoint(token);
            positionTs = token.ts();
            if (token.invalidate()) {
                if (spec.startAfter == null) {
                    throw ChangeStreamErrors.resumeAfterInvalidate();
                }
                return; // startAfter an invalidate: a new stream beginning after the drop
            }
            // Resuming right after the event that invalidates this stream: the invalidate comes next.
            // (If that entry itself was just dropped by retention, there is nothing left to check.)
            if (position > 0 && position > journal.lastSeq() - journal.retainedEntries()) {
                for (JournalEntry entry : journal.readAfter(position - 1, 1)) {
                    if (spec.scope.sees(entry) && spec.scope.invalidatedBy(entry)) {
                        pendingInvalidate = entry;
                    }
                }
            }
        } else if (spec.startAtOperationTime != null) {
            position = journal.resolveOperationTime(spec.startAtOperationTime.getValue());
            positionTs = journal.tokenAt(position).ts();
        } else {
            synchronized (journal) {
                position = journal.lastSeq();
                positionTs = journal.tokenAt(position).ts();
            }
        }
    }

    synchronized long position() {
        return position;
    }

    boolean isKilled() {
        return killed;
    }

    /** Marks the cursor killed and answers its parked getMore, if any. */
    void kill() {
        killed = true;
        Runnable waker = parkedWaker;
        if (waker != null) {
            waker.run();
        }
    }

    void parked(Runnable waker) {
        this.parkedWaker = waker;
    }

    void unparked() {
        this.parkedWaker = null;
    }

    boolean isParked() {
        return parkedWaker != null;
    }

    void touch() {
        lastUsedNanos = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    /**
     * Reads the next events without waiting. An empty batch that is not exhausted means "nothing yet";
     * the caller decides whether to wait.
     */
    synchronized Batch nextBatch(int maxEvents) {
        List<Document> events = new ArrayList<>();
        if (exhausted) {
            return new Batch(events, new ResumeToken(positionTs, position, false), true);
        }
        if (pendingInvalidate != null) {
            return invalidate(events, pendingInvalidate);
        }
        long bytes = 0;
        int scanned = 0;
        while (events.size() < maxEvents && bytes < MAX_BATCH_BYTES && scanned < MAX_SCAN_PER_CALL) {
            List<JournalEntry> entries = journal.readAfter(position, SCAN_CHUNK);
            if (entries.isEmpty()) {
                break;
            }
            for (JournalEntry entry : entries) {
                if (events.size() >= maxEvents || bytes >= MAX_BATCH_BYTES) {
                    break;
                }
                scanned++;
                if (spec.scope.sees(entry)) {
                    byte[] body = journal.bodyOf(entry);
                    Document event = spec.pipeline.apply(toEvent(entry, body));
                    if (event != null) {
                        events.add(event);
                        bytes += body.length + EVENT_OVERHEAD_BYTES;
                    }
                    if (spec.scope.invalidatedBy(entry)) {
                        advanceTo(entry);
                        return invalidate(events, entry);
                    }
                }
                advanceTo(entry);
            }
        }
        return new Batch(events, new ResumeToken(positionTs, position, false), false);
    }

    private void advanceTo(JournalEntry entry) {
        position = entry.seq;
        positionTs = entry.ts;
    }

    /** Appends the invalidate event that closes a collection/database stream after its drop. */
    private Batch invalidate(List<Document> events, JournalEntry drop) {
        ResumeToken token = new ResumeToken(drop.ts, drop.seq, true);
        events.add(new Document("_id", token.toDocument())
            .append("operationType", "invalidate")
            .append("clusterTime", new BsonTimestamp(drop.ts))
            .append("wallTime", Instant.ofEpochMilli(drop.wallMillis)));
        pendingInvalidate = null;
        exhausted = true;
        return new Batch(events, token, true);
    }

    /** Builds the MongoDB change event for an entry, field order as MongoDB emits it. */
    private Document toEvent(JournalEntry entry, byte[] bodyBytes) {
        Document body = JournalEntry.decodeBody(bodyBytes);
        Document event = new Document("_id", new ResumeToken(entry.ts, entry.seq, false).toDocument())
            .append("operationType", entry.type.operationType())
            .append("clusterTime", new BsonTimestamp(entry.ts))
            .append("wallTime", Instant.ofEpochMilli(entry.wallMillis));
        Document documentKey = (Document) body.get("documentKey");
        switch (entry.type) {
            case INSERT:
            case REPLACE:
                event.append("fullDocument", body.get("fullDocument"));
                break;
            case UPDATE:
                if (spec.fullDocument == ChangeStreamSpec.FullDocument.UPDATE_LOOKUP) {
                    event.append("fullDocument", lookup.find(entry.db, entry.coll, documentKey.get("_id")));
                } else if (spec.fullDocument == ChangeStreamSpec.FullDocument.POST_IMAGE) {
                    event.append("fullDocument", body.get("fullDocument"));
                }
                break;
            default:
                break;
        }
        Document ns = new Document("db", entry.db);
        if (entry.coll != null) {
            ns.append("coll", entry.coll);
        }
        event.append("ns", ns);
        if (entry.type.isDocumentEvent()) {
            event.append("documentKey", documentKey);
        }
        if (entry.type == EventType.UPDATE) {
            event.append("updateDescription", body.get("updateDescription"));
        }
        return event;
    }
}
