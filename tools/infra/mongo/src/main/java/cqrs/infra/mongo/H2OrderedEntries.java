package cqrs.infra.mongo;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;

/**
 * {@link OrderedEntries} in the H2 store, beside the collection's documents: a map whose keys are
 * the entries, compared in MongoDB's value order, so the heap holds only H2's page cache however
 * many documents there are. Written under the same write barrier as the documents, so a checkpoint
 * never has one without the other; an index whose map is empty when it opens (a store written
 * before this index kept its entries here) is rebuilt from the documents by the engine.
 *
 * <p>Maps are named {@code <db>.<collection>._ordered_<index>} (and {@code ...$multikey} for the
 * multikey flag), under the database's prefix, so dropping the database removes them with the rest.
 */
final class H2OrderedEntries implements OrderedEntries<Object> {

    private static final String MULTIKEY = "multikey";

    private final MVStore store;
    private final MVMap<List<Object>, Object> entries;
    private final MVMap<String, Boolean> flags;
    private boolean multikey;

    private H2OrderedEntries(MVStore store, String mapName) {
        this.store = store;
        this.entries = store.openMap(mapName, new MVMap.Builder<List<Object>, Object>().keyType(KeyType.INSTANCE));
        this.flags = store.openMap(mapName + "$flags");
        this.multikey = Boolean.TRUE.equals(flags.get(MULTIKEY));
    }

    static String mapName(String fullCollectionName, String indexName) {
        return fullCollectionName + "._ordered_" + indexName;
    }

    static H2OrderedEntries open(MVStore store, String fullCollectionName, String indexName) {
        return new H2OrderedEntries(store, mapName(fullCollectionName, indexName));
    }

    /** Renames the maps of every ordered index of a collection that moved (renameCollection). */
    static void rename(MVStore store, String oldFullName, String newFullName) {
        String oldPrefix = oldFullName + "._ordered_";
        for (String name : List.copyOf(store.getMapNames())) {
            if (name.startsWith(oldPrefix)) {
                store.renameMap(store.openMap(name), newFullName + "._ordered_" + name.substring(oldPrefix.length()));
            }
        }
    }

    @Override
    public boolean put(List<Object> entry, Object position) {
        return entries.put(entry, position) == null;
    }

    @Override
    public Object remove(List<Object> entry) {
        return entries.remove(entry);
    }

    @Override
    public Iterator<Object> range(List<Object> from, List<Object> to, boolean backwards) {
        // H2's cursor runs from its first bound to its second, both inclusive (no entry equals either).
        Cursor<List<Object>, Object> cursor = backwards ? entries.cursor(to, from, true) : entries.cursor(from, to, false);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public Object next() {
                if (!cursor.hasNext()) {
                    throw new NoSuchElementException();
                }
                cursor.next();
                return cursor.getValue();
            }
        };
    }

    @Override
    public long size() {
        return entries.sizeAsLong();
    }

    @Override
    public boolean multikey() {
        return multikey;
    }

    @Override
    public void markMultikey() {
        if (!multikey) {
            multikey = true;
            flags.put(MULTIKEY, Boolean.TRUE);
        }
    }

    @Override
    public void drop() {
        store.removeMap(entries);
        store.removeMap(flags);
        multikey = false;
    }

    /**
     * An entry as H2 stores it: its values as one BSON document ({@code n} values, value {@code i}
     * under {@code "i"}, a missing field left out), compared with {@link OrderedIndex#compareKeys}.
     */
    static final class KeyType extends BasicDataType<List<Object>> {

        static final KeyType INSTANCE = new KeyType();

        @Override
        public int compare(List<Object> a, List<Object> b) {
            return OrderedIndex.compareKeys(a, b);
        }

        @Override
        public int getMemory(List<Object> entry) {
            return 64 + 32 * entry.size();
        }

        @Override
        public void write(WriteBuffer buffer, List<Object> entry) {
            Document document = new Document("n", entry.size());
            for (int i = 0; i < entry.size(); i++) {
                Object value = entry.get(i);
                if (!(value instanceof Missing)) {
                    document.put(Integer.toString(i), value);
                }
            }
            byte[] bytes = BsonBytes.encode(document);
            buffer.putVarInt(bytes.length).put(bytes);
        }

        @Override
        public List<Object> read(ByteBuffer buffer) {
            byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
            buffer.get(bytes);
            Document document = BsonBytes.decode(bytes);
            int size = ((Number) document.get("n")).intValue();
            List<Object> entry = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                String field = Integer.toString(i);
                entry.add(document.containsKey(field) ? document.get(field) : Missing.getInstance());
            }
            return entry;
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<Object>[] createStorage(int size) {
            return new List[size];
        }
    }
}
