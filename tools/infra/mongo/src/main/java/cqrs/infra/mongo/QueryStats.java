package cqrs.infra.mongo;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.bson.Document;

/**
 * What queries cost, in MongoDB's {@code serverStatus().metrics.queryExecutor} terms: index keys
 * examined ({@code scanned}), documents examined ({@code scannedObjects}) and collection scans.
 * Tests and benchmarks read them instead of timing; a collection scan of a collection of at
 * least {@link #LOG_SCANS_FROM} documents is logged once per namespace and filter shape.
 */
final class QueryStats {

    private static final Logger log = LoggerFactory.getLogger(QueryStats.class);

    static final int LOG_SCANS_FROM = 1_000;
    /** Distinct filter shapes remembered for logging; beyond it, scans are counted only. */
    private static final int MAX_LOGGED_SHAPES = 1_000;

    private static final AtomicLong keysExamined = new AtomicLong();
    private static final AtomicLong docsExamined = new AtomicLong();
    private static final AtomicLong collectionScans = new AtomicLong();
    private static final Set<String> loggedShapes = ConcurrentHashMap.newKeySet();
    /** The last query this thread ran, for {@link Explain}. */
    private static final ThreadLocal<Executed> last = new ThreadLocal<>();

    /** What one query did: the index it used (null for a collection scan) and what it examined. */
    record Executed(String index, long keys, long documents) {
    }

    private QueryStats() {
    }

    static void indexed(String index, long keys, long documents) {
        keysExamined.addAndGet(keys);
        docsExamined.addAndGet(documents);
        last.set(new Executed(index, keys, documents));
    }

    static void collectionScan(String namespace, Document query, long documents) {
        collectionScans.incrementAndGet();
        docsExamined.addAndGet(documents);
        last.set(new Executed(null, 0, documents));
        if (documents >= LOG_SCANS_FROM && loggedShapes.size() < MAX_LOGGED_SHAPES) {
            String shape = shape(query);
            if (loggedShapes.add(namespace + " " + shape)) {
                log.warn("collection scan of {} ({} documents) for filter shape {}: no index serves it",
                    namespace, documents, shape);
            }
        }
    }

    /** Runs {@code query} and tells what it did (null if it ran no query). */
    static Executed measure(Runnable query) {
        last.remove();
        query.run();
        Executed executed = last.get();
        last.remove();
        return executed;
    }

    /** {@code metrics.queryExecutor} of {@code serverStatus}. */
    static Document queryExecutor() {
        return new Document("scanned", keysExamined.get())
            .append("scannedObjects", docsExamined.get())
            .append("collectionScans", new Document("total", collectionScans.get())
                .append("nonTailable", collectionScans.get()));
    }

    /** The filter with every value replaced by {@code ?}: field names and operators stay. */
    static String shape(Object value) {
        if (value instanceof Document) {
            StringBuilder shape = new StringBuilder("{");
            for (Map.Entry<String, Object> entry : ((Document) value).entrySet()) {
                if (shape.length() > 1) {
                    shape.append(", ");
                }
                shape.append(entry.getKey()).append(": ").append(shape(entry.getValue()));
            }
            return shape.append('}').toString();
        }
        if (value instanceof Collection) {
            return ((Collection<?>) value).isEmpty() ? "[]" : "[" + shape(((Collection<?>) value).iterator().next()) + ", ...]";
        }
        return "?";
    }
}
