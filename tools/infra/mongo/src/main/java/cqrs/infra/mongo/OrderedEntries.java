package cqrs.infra.mongo;

import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Where an {@link OrderedIndex} keeps its entries: one per (index key, document), keyed by the
 * key's values followed by the document's {@code _id} so that every entry is distinct, mapped to
 * the document's position, in {@link OrderedIndex#compareKeys} order. In memory for the memory
 * backend; in the H2 store for the persistent one ({@link H2OrderedEntries}), so the heap does not
 * grow with the data.
 */
interface OrderedEntries<P> {

    /** Adds or replaces an entry; true when it is new. */
    boolean put(List<Object> entry, P position);

    /** Removes an entry; its position, or null when there was none. */
    P remove(List<Object> entry);

    /**
     * The positions of the entries strictly between {@code from} and {@code to} (bounds no entry
     * equals: key prefixes, or padded with {@link OrderedIndex#MAX}), in key order or backwards.
     */
    Iterator<P> range(List<Object> from, List<Object> to, boolean backwards);

    long size();

    /** Whether some document has had more than one key (an array in an indexed field). */
    boolean multikey();

    void markMultikey();

    /** Removes every entry and whatever holds them. */
    void drop();

    static <P> OrderedEntries<P> inMemory() {
        return new OrderedEntries<>() {
            private final NavigableMap<List<Object>, P> entries = new TreeMap<>(OrderedIndex::compareKeys);
            private boolean multikey;

            @Override
            public boolean put(List<Object> entry, P position) {
                return entries.put(entry, position) == null;
            }

            @Override
            public P remove(List<Object> entry) {
                return entries.remove(entry);
            }

            @Override
            public Iterator<P> range(List<Object> from, List<Object> to, boolean backwards) {
                NavigableMap<List<Object>, P> range = entries.subMap(from, true, to, true);
                return (backwards ? range.descendingMap() : range).values().iterator();
            }

            @Override
            public long size() {
                return entries.size();
            }

            @Override
            public boolean multikey() {
                return multikey;
            }

            @Override
            public void markMultikey() {
                multikey = true;
            }

            @Override
            public void drop() {
                entries.clear();
                multikey = false;
            }
        };
    }
}
