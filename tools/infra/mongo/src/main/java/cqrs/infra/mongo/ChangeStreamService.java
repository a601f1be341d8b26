package cqrs.infra.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * Serves change streams from the {@link ChangeJournal}: {@code aggregate} with {@code $changeStream},
 * {@code getMore} and {@code killCursors} on those cursors. Every other command goes to the engine.
 */
final class ChangeStreamService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeStreamService.class);

    /** MongoDB's await time for a tailable awaitData getMore without maxTimeMS. */
    static final long DEFAULT_AWAIT_MS = 1000;
    /** Events per batch when the client sets no batchSize. */
    private static final int DEFAULT_BATCH_EVENTS = 10_000;
    /** MongoDB's idle cursor timeout. */
    private static final long CURSOR_IDLE_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(10);
    /**
     * Change-stream cursor ids carry bit 62 so they never collide with the engine's own cursor ids,
     * which stay below 2^61.
     */
    private static final long CURSOR_ID_TAG = 1L << 62;

    private final ChangeJournal journal;
    private final DocumentLookup lookup;
    private final Map<Long, ChangeStreamCursor> cursors = new ConcurrentHashMap<>();
    /** Counts on from a random origin at every start, as {@link CursorIds} explains. */
    private final AtomicLong cursorIds = new AtomicLong(CursorIds.randomOrigin());
    private final ScheduledExecutorService sweeper;

    ChangeStreamService(ChangeJournal journal, DocumentLookup lookup) {
        this.journal = journal;
        this.lookup = lookup;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "change-stream-cursor-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(this::closeIdleCursors, 1, 1, TimeUnit.MINUTES);
    }

    ChangeJournal journal() {
        return journal;
    }

    boolean ownsCursor(long cursorId) {
        return (cursorId & CURSOR_ID_TAG) != 0;
    }

    /** Opens a stream and returns its first batch at once (no waiting, as MongoDB does). */
    Document aggregate(String databaseName, Document command) {
        ChangeStreamSpec spec = ChangeStreamSpec.parse(databaseName, command);
        Document cursorOptions = command.get("cursor") instanceof Document ? (Document) command.get("cursor") : new Document();
        int batchSize = batchSize(cursorOptions.get("batchSize"));
        ChangeStreamCursor cursor = new ChangeStreamCursor(CURSOR_ID_TAG | cursorIds.incrementAndGet(), spec, journal, lookup);
        cursors.put(cursor.id, cursor);
        ChangeStreamCursor.Batch batch;
        try {
            batch = cursor.nextBatch(batchSize);
        } catch (RuntimeException e) {
            close(cursor);
            throw e;
        }
        Document response = batchResponse(cursor, batch, "firstBatch");
        long operationTime = journal.lastTimestamp();
        if (operationTime != 0) {
            response.append("operationTime", new BsonTimestamp(operationTime));
        }
        log.debug("opened change stream {} on {}", cursor.id, spec.scope);
        return response;
    }

    /** Answers now if events are available, otherwise parks until events arrive or maxTimeMS passes. */
    void getMore(Channel channel, Document command, CommandReply reply) {
        long cursorId = ((Number) command.get("getMore")).longValue();
        ChangeStreamCursor cursor = cursors.get(cursorId);
        if (cursor == null) {
            // Resumable for drivers: they reopen the stream from their last token.
            throw ChangeStreamErrors.cursorNotFound(cursorId);
        }
        if (cursor.isParked()) {
            throw ChangeStreamErrors.invalidOption("cursor id " + cursorId + " is already in use by another getMore");
        }
        cursor.touch();
        Object maxTime = command.get("maxTimeMS");
        long maxTimeMs = maxTime instanceof Number ? ((Number) maxTime).longValue() : DEFAULT_AWAIT_MS;
        int batchSize = batchSize(command.get("batchSize"));
        new PendingGetMore(this, cursor, channel, maxTimeMs, batchSize == 0 ? DEFAULT_BATCH_EVENTS : batchSize, reply).start();
    }

    /** Kills the change-stream cursors among {@code cursorIds}; returns the ids that were found. */
    List<Long> kill(List<Long> cursorIds) {
        List<Long> killed = new ArrayList<>();
        for (Long cursorId : cursorIds) {
            ChangeStreamCursor cursor = cursors.remove(cursorId);
            if (cursor != null) {
                cursor.kill();
                killed.add(cursorId);
            }
        }
        return killed;
    }

    void close(ChangeStreamCursor cursor) {
        cursors.remove(cursor.id);
    }

    /**
     * {@code {cursor: {<batchKey>, postBatchResumeToken, id, ns}, ok: 1}}. The token is in every batch,
     * empty or not, so the driver's resumeToken follows the server's scan position.
     */
    Document batchResponse(ChangeStreamCursor cursor, ChangeStreamCursor.Batch batch, String batchKey) {
        if (batch.exhausted()) {
            close(cursor);
        }
        Document cursorDocument = new Document(batchKey, batch.events())
            .append("postBatchResumeToken", batch.postBatchResumeToken().toDocument())
            .append("id", batch.exhausted() ? 0L : cursor.id)
            .append("ns", cursor.spec.scope.cursorNamespace());
        return new Document("cursor", cursorDocument).append("ok", 1.0);
    }

    /** Answer to a getMore whose cursor was killed while it waited. */
    Document killedResponse(ChangeStreamCursor cursor) {
        Document cursorDocument = new Document("nextBatch", List.of())
            .append("id", 0L)
            .append("ns", cursor.spec.scope.cursorNamespace());
        return new Document("cursor", cursorDocument).append("ok", 1.0);
    }

    private static int batchSize(Object value) {
        if (value instanceof Number) {
            int size = ((Number) value).intValue();
            if (size < 0) {
                throw ChangeStreamErrors.invalidOption("batchSize must be non-negative");
            }
            // batchSize 0 on aggregate asks for an empty first batch; on getMore it means "no limit".
            return size;
        }
        return DEFAULT_BATCH_EVENTS;
    }

    /**
     * The journal and the open streams, for {@code serverStatus}: entries retained, the last
     * sequence number, and how far the stream furthest behind is from it (its lag, in entries).
     */
    Document status() {
        long last = journal.lastSeq();
        long behind = 0;
        for (ChangeStreamCursor cursor : cursors.values()) {
            behind = Math.max(behind, last - cursor.position());
        }
        return new Document("journal", new Document("entries", (long) journal.retainedEntries()).append("lastSeq", last))
            .append("changeStreams", new Document("open", (long) cursors.size()).append("maxBehind", behind));
    }

    private void closeIdleCursors() {
        for (ChangeStreamCursor cursor : cursors.values()) {
            if (!cursor.isParked() && cursor.idleNanos() > CURSOR_IDLE_TIMEOUT_NANOS) {
                log.info("closing change stream cursor {} after {} idle minutes", cursor.id,
                    TimeUnit.NANOSECONDS.toMinutes(cursor.idleNanos()));
                cursors.remove(cursor.id);
                cursor.kill();
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
