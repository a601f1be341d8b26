package cqrs.infra.mongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;

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
 * index serves both, through {@link #walk} (see {@link IndexPlanner}). Lives in
 * memory for either backend and is rebuilt from the documents when a database opens.
 */
final class OrderedIndex<P> extends Index<P> {

    /** A bound above every value, to pad a key prefix into the end of its range. */
    static final Object MAX = new Object();

    private static final ValueComparator VALUES = ValueComparator.asc();

    private final boolean sparse;
    private final NavigableMap<List<Object>, Map<Object, P>> entries = new TreeMap<>(OrderedIndex::compareKeys);
    private long count;
    private boolean multikey;

    OrderedIndex(String name, List<IndexKey> keys, boolean sparse) {
        // Registered as sparse with the engine: it then accepts "no position" from remove() instead
        // of failing a delete, the way it treats the indexes it does not serve itself.
        super(name, keys, true);
        this.sparse = sparse;
    }

    /** Whether some document has more than one key here (an array in an indexed field). */
    synchronized boolean isMultikey() {
        return multikey;
    }

    /** The field names, in index order. */
    List<String> fields() {
        return keys();
    }

    /**
     * The positions of the documents whose key lies between {@code lower} and {@code upper},
     * compared as key prefixes (a shorter key sorts before the longer ones it starts; pad with
     * {@link #MAX}), in key order or backwards, read lazily: {@code examined}
     * counts the keys visited [0] and the positions handed out [1]. Read under the collection's
     * monitor, which every write to this index holds too.
     */
    Iterable<P> walk(List<Object> lower, boolean lowerInclusive, List<Object> upper, boolean upperInclusive,
                     boolean backwards, long[] examined) {
        if (compareKeys(lower, upper) > 0) {
            return List.of();
        }
        NavigableMap<List<Object>, Map<Object, P>> range = entries.subMap(lower, lowerInclusive, upper, upperInclusive);
        Collection<Map<Object, P>> keys = (backwards ? range.descendingMap() : range).values();
        return () -> new Iterator<>() {
            private final Iterator<Map<Object, P>> keyIterator = keys.iterator();
            private Iterator<P> documents = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!documents.hasNext() && keyIterator.hasNext()) {
                    documents = keyIterator.next().values().iterator();
                }
                return documents.hasNext();
            }

            @Override
            public P next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                examined[0]++;
                examined[1]++;
                return documents.next();
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
        Object id = idOf(document);
        List<List<Object>> keys = indexedKeys(document);
        multikey |= keys.size() > 1;
        for (List<Object> key : keys) {
            if (entries.computeIfAbsent(key, k -> new HashMap<>(2)).put(id, position) == null) {
                count++;
            }
        }
    }

    @Override
    public synchronized P remove(Document document) {
        Object id = idOf(document);
        P removed = null;
        for (List<Object> key : indexedKeys(document)) {
            Map<Object, P> documents = entries.get(key);
            if (documents == null) {
                continue;
            }
            P position = documents.remove(id);
            if (position != null) {
                removed = position;
                count--;
            }
            if (documents.isEmpty()) {
                entries.remove(key);
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
        return count;
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
        entries.clear();
        count = 0;
    }

    private List<List<Object>> indexedKeys(Document document) {
        List<List<Object>> keys = new ArrayList<>();
        for (KeyValue keyValue : getKeyValues(document)) {
            List<Object> key = new ArrayList<>(keyValue.size());
            boolean allNull = true;
            for (Object value : keyValue) {
                key.add(value);
                allNull &= Missing.isNullOrMissing(value);
            }
            if (!(sparse && allNull)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** Numerically equal ids (1, 1L, 1.0) are one document, as in the engine's _id index. */
    private static Object idOf(Document document) {
        return new KeyValue(document.get("_id")).normalized().get(0);
    }

    private static int compareKeys(List<Object> a, List<Object> b) {
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
