package cqrs.infra.mongo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

/**
 * An ordered, non-unique index: index keys in MongoDB's value order, each with the positions of
 * the documents that carry it (one key per array element, as MongoDB's multikey indexes). The
 * stock engine ignores non-unique indexes and cannot scan a unique one by prefix or range; this
 * index serves both, through {@link #walk} (see {@link IndexPlanner}). Its entries live where the
 * backend keeps data ({@link OrderedEntries}): on the heap for the memory backend, in the H2 store
 * for the persistent one.
 */
final class OrderedIndex<P> extends Index<P> {

    /** A bound above every value, to pad a key prefix into the end of its range. */
    static final Object MAX = new Object();

    private static final ValueComparator VALUES = ValueComparator.asc();

    private final boolean sparse;
    private final OrderedEntries<P> entries;

    OrderedIndex(String name, List<IndexKey> keys, boolean sparse, OrderedEntries<P> entries) {
        // Registered as sparse with the engine: it then accepts "no position" from remove() instead
        // of failing a delete, the way it treats the indexes it does not serve itself.
        super(name, keys, true);
        this.sparse = sparse;
        this.entries = entries;
    }

    /** Whether some document has more than one key here (an array in an indexed field). */
    synchronized boolean isMultikey() {
        return entries.multikey();
    }

    /** The field names, in index order. */
    List<String> fields() {
        return keys();
    }

    /**
     * The positions of the documents whose key lies between {@code lower} and {@code upper},
     * compared as key prefixes: a key sorts after a bound it starts with, and before that bound
     * padded with {@link #MAX}. In key order or backwards, read lazily: {@code examined} counts the
     * keys visited [0] and the positions handed out [1]. Read under the collection's monitor, which
     * every write to this index holds too.
     */
    Iterable<P> walk(List<Object> lower, List<Object> upper, boolean backwards, long[] examined) {
        if (compareKeys(lower, upper) > 0) {
            return List.of();
        }
        return () -> new Iterator<>() {
            // Entries are a key followed by the document's _id, so no entry equals either bound.
            private final Iterator<P> positions = entries.range(lower, upper, backwards);

            @Override
            public boolean hasNext() {
                return positions.hasNext();
            }

            @Override
            public P next() {
                P position = positions.next();
                examined[0]++;
                examined[1]++;
                return position;
            }
        };
    }

    @Override
    public P getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        getKeyValues(document); // rejects parallel arrays, as MongoDB does
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        List<List<Object>> keys = indexedKeys(document);
        if (keys.size() > 1) {
            entries.markMultikey();
        }
        for (List<Object> entry : keys) {
            entries.put(entry, position);
        }
    }

    @Override
    public synchronized P remove(Document document) {
        P removed = null;
        for (List<Object> entry : indexedKeys(document)) {
            P position = entries.remove(entry);
            if (position != null) {
                removed = position;
            }
        }
        return removed;
    }

    @Override
    public boolean canHandle(Document query) {
        return false; // the engine's own lookup is not used for this index: IndexPlanner is
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        throw new UnsupportedOperationException("served by IndexPlanner");
    }

    @Override
    public synchronized long getCount() {
        return entries.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        getKeyValues(newDocument);
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position,
                                           MongoCollection<P> collection) throws KeyConstraintError {
        if (!nullAwareEqualsKeys(oldDocument, newDocument)) {
            remove(oldDocument);
            add(newDocument, position, collection);
        }
    }

    @Override
    public synchronized void drop() {
        entries.drop();
    }

    /** The document's entries: each index key (one per array element) followed by its _id. */
    private List<List<Object>> indexedKeys(Document document) {
        Object id = idOf(document);
        List<List<Object>> keys = new ArrayList<>();
        for (KeyValue keyValue : getKeyValues(document)) {
            List<Object> key = new ArrayList<>(keyValue.size() + 1);
            boolean allNull = true;
            for (Object value : keyValue) {
                key.add(value);
                allNull &= Missing.isNullOrMissing(value);
            }
            if (!(sparse && allNull)) {
                key.add(id);
                keys.add(key);
            }
        }
        return keys;
    }

    /** Numerically equal ids (1, 1L, 1.0) are one document, as in the engine's _id index. */
    private static Object idOf(Document document) {
        return new KeyValue(document.get("_id")).normalized().get(0);
    }

    static int compareKeys(List<Object> a, List<Object> b) {
        int shared = Math.min(a.size(), b.size());
        for (int i = 0; i < shared; i++) {
            int order = compareValues(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (b == MAX) {
            return -1;
        }
        if (a == MAX) {
            return 1;
        }
        return VALUES.compare(a, b);
    }
}
