package cqrs.infra.mongo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link ChangeJournal}'s retained entries, oldest first, as parallel arrays rather than one
 * object each: cluster time, wall time, kind and an interned namespace take 21 bytes an entry
 * (a body reference more for the in-memory journal), against about 60 for a {@link JournalEntry}
 * with its references. A million retained entries of the persistent journal so cost about 21 MB
 * of heap. Entries are materialized when read. Not thread-safe: the journal guards it.
 */
final class JournalRing {

    private final int maxEntries;
    private final boolean bodies;

    private long[] timestamps;
    private long[] wallMillis;
    private byte[] types;
    private int[] namespaces;
    private byte[][] bodyArray;
    private int head;
    private int size;

    // Interned (db, collection) pairs: few, and never forgotten while the engine runs.
    private final List<String[]> namespaceNames = new ArrayList<>();
    private final Map<String, Integer> namespaceIds = new HashMap<>();

    JournalRing(int initialCapacity, int maxEntries, boolean bodies) {
        this.maxEntries = maxEntries;
        this.bodies = bodies;
        allocate(initialCapacity);
    }

    private void allocate(int capacity) {
        timestamps = new long[capacity];
        wallMillis = new long[capacity];
        types = new byte[capacity];
        namespaces = new int[capacity];
        bodyArray = bodies ? new byte[capacity][] : null;
    }

    int size() {
        return size;
    }

    /** Appends an entry (its body only when this ring keeps bodies). */
    void add(JournalEntry entry) {
        if (size == timestamps.length) {
            grow();
        }
        int slot = slot(size);
        timestamps[slot] = entry.ts;
        wallMillis[slot] = entry.wallMillis;
        types[slot] = entry.type.code();
        namespaces[slot] = namespaceId(entry.db, entry.coll);
        if (bodies) {
            bodyArray[slot] = entry.bodyOrNull();
        }
        size++;
    }

    /** The entry {@code offset} places after the oldest, given its seq. */
    JournalEntry get(int offset, long seq) {
        int slot = slot(offset);
        String[] namespace = namespaceNames.get(namespaces[slot]);
        return new JournalEntry(seq, timestamps[slot], wallMillis[slot], EventType.fromCode(types[slot]),
            namespace[0], namespace[1], bodies ? bodyArray[slot] : null);
    }

    long timestampAt(int offset) {
        return timestamps[slot(offset)];
    }

    /** Drops the oldest entry. */
    void removeOldest() {
        if (bodies) {
            bodyArray[head] = null;
        }
        head = (head + 1) % timestamps.length;
        size--;
    }

    private int slot(int offset) {
        return (head + offset) % timestamps.length;
    }

    private void grow() {
        int capacity = (int) Math.min((long) timestamps.length * 2, maxEntries);
        long[] oldTimestamps = timestamps;
        long[] oldWall = wallMillis;
        byte[] oldTypes = types;
        int[] oldNamespaces = namespaces;
        byte[][] oldBodies = bodyArray;
        int oldHead = head;
        int oldLength = oldTimestamps.length;
        allocate(capacity);
        for (int i = 0; i < size; i++) {
            int from = (oldHead + i) % oldLength;
            timestamps[i] = oldTimestamps[from];
            wallMillis[i] = oldWall[from];
            types[i] = oldTypes[from];
            namespaces[i] = oldNamespaces[from];
            if (bodies) {
                bodyArray[i] = oldBodies[from];
            }
        }
        head = 0;
    }

    private int namespaceId(String db, String coll) {
        String key = coll == null ? db : db + '\u0000' + coll;
        Integer id = namespaceIds.get(key);
        if (id == null) {
            id = namespaceNames.size();
            namespaceNames.add(new String[] {db, coll});
            namespaceIds.put(key, id);
        }
        return id;
    }
}
