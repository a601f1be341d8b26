package cqrs.infra.mongo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import de.bwaldvogel.mongo.bson.Document;

/**
 * One committed change in the {@link ChangeJournal}: its position ({@code seq}), cluster time, wall
 * time, namespace, kind, and a BSON body with {@code documentKey} and, where applicable,
 * {@code fullDocument} (the post-image captured at write time) and {@code updateDescription}.
 *
 * <p>The header fields are kept decoded so a change stream can skip entries of other namespaces
 * without touching BSON. The body is either held here (in-memory journal) or left in the persistent
 * store and loaded on demand ({@code body == null}), so a large H2-backed journal does not have to live
 * on the heap.
 *
 * <p>Binary form (what the H2 store persists):
 * {@code ts:int64 | wall:int64 | type:int8 | dbLen:uint16 | db | collLen:uint16 (0xFFFF = none) | coll | body BSON}.
 */
final class JournalEntry {

    private static final int NO_COLLECTION = 0xFFFF;

    final long seq;
    /** BSON timestamp value: seconds in the high 32 bits, increment in the low 32 bits. */
    final long ts;
    final long wallMillis;
    final EventType type;
    final String db;
    /** Null for {@link EventType#DROP_DATABASE}. */
    final String coll;
    private final byte[] body;

    JournalEntry(long seq, long ts, long wallMillis, EventType type, String db, String coll, byte[] body) {
        this.seq = seq;
        this.ts = ts;
        this.wallMillis = wallMillis;
        this.type = type;
        this.db = db;
        this.coll = coll;
        this.body = body;
    }

    /** The in-memory body, or null when it lives only in the persistent store. */
    byte[] bodyOrNull() {
        return body;
    }

    byte[] encode() {
        byte[] dbBytes = db.getBytes(StandardCharsets.UTF_8);
        byte[] collBytes = coll == null ? null : coll.getBytes(StandardCharsets.UTF_8);
        int size = 8 + 8 + 1 + 2 + dbBytes.length + 2 + (collBytes == null ? 0 : collBytes.length) + body.length;
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putLong(ts).putLong(wallMillis).put(type.code());
        buffer.putShort((short) dbBytes.length).put(dbBytes);
        if (collBytes == null) {
            buffer.putShort((short) NO_COLLECTION);
        } else {
            buffer.putShort((short) collBytes.length).put(collBytes);
        }
        buffer.put(body);
        return buffer.array();
    }

    static JournalEntry decode(long seq, byte[] bytes, boolean keepBody) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long ts = buffer.getLong();
        long wall = buffer.getLong();
        EventType type = EventType.fromCode(buffer.get());
        String db = readString(buffer);
        String coll = readString(buffer);
        byte[] body = null;
        if (keepBody) {
            body = new byte[buffer.remaining()];
            buffer.get(body);
        }
        return new JournalEntry(seq, ts, wall, type, db, coll, body);
    }

    /** Extracts only the body from the binary form. */
    static byte[] bodyOf(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.position(8 + 8 + 1);
        readString(buffer);
        readString(buffer);
        byte[] body = new byte[buffer.remaining()];
        buffer.get(body);
        return body;
    }

    private static String readString(ByteBuffer buffer) {
        int length = Short.toUnsignedInt(buffer.getShort());
        if (length == NO_COLLECTION) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static Document decodeBody(byte[] body) {
        return BsonBytes.decode(body);
    }

    @Override
    public String toString() {
        return "JournalEntry(" + seq + ", " + type + ", " + db + "." + coll + ")";
    }
}
