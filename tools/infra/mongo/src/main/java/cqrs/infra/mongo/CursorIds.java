package cqrs.infra.mongo;

import java.lang.reflect.Field;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.CursorRegistry;

/**
 * Where an engine's cursor ids start. The stock engine counts them from 1 at every start, so after a
 * restart a client still holding a cursor id from before (a {@code getMore} sent on a fresh
 * connection) reaches another client's new cursor and reads its results. MongoDB's ids are random
 * 64-bit numbers; here each start picks a random origin below 2^61, far from any earlier run's ids,
 * and counting on from it keeps ids unique within the run. A stale id then finds no cursor and gets
 * {@code CursorNotFound}, which drivers handle (a change stream resumes from its token).
 */
final class CursorIds {

    /** Ids stay below this, clear of {@link ChangeStreamService}'s tag bit (2^62). */
    private static final long BOUND = 1L << 61;
    private static final SecureRandom random = new SecureRandom();

    private CursorIds() {
    }

    /** A random origin in [1, 2^60], leaving 2^60 ids to count before {@link #BOUND}. */
    static long randomOrigin() {
        return 1 + (random.nextLong() & (BOUND / 2 - 1));
    }

    /** Makes the backend's own cursor ids (queries, aggregations) count from a random origin. */
    static void randomize(AbstractMongoBackend backend) {
        try {
            Field registryField = AbstractMongoBackend.class.getDeclaredField("cursorRegistry");
            registryField.setAccessible(true);
            CursorRegistry registry = (CursorRegistry) registryField.get(backend);
            Field counterField = CursorRegistry.class.getDeclaredField("cursorIdCounter");
            counterField.setAccessible(true);
            ((AtomicLong) counterField.get(registry)).set(randomOrigin());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("mongo-java-server's CursorRegistry changed; cannot randomize cursor ids", e);
        }
    }
}
