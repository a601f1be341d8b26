package cqrs.infra.mongo;

import de.bwaldvogel.mongo.bson.Document;

/**
 * A change-stream resume token: {@code {_data: <hex>}} naming a position in the {@link ChangeJournal}.
 *
 * <p>{@code _data} is 34 upper-case hex digits: cluster time (16), journal seq (16), flags (2). Fixed
 * width makes string order equal commit order, like MongoDB's KeyString tokens. The seq gives an O(1)
 * lookup; the cluster time lets the journal reject a token from a different history (e.g. an in-memory
 * engine that restarted and reused the seq) instead of resuming at the wrong place. Flag 01 marks the
 * token of an {@code invalidate} event, which only {@code startAfter} may resume from.
 *
 * <p>A token means "everything up to and including seq has been seen". Event tokens and the
 * {@code postBatchResumeToken} high-water mark are the same kind of value; seq 0 (ts 0) means "before
 * the first entry ever written".
 *
 * @param ts         cluster time of the entry at {@code seq} (0 for seq 0)
 * @param seq        journal position
 * @param invalidate whether this is the token of the invalidate event that follows the drop at seq
 */
record ResumeToken(long ts, long seq, boolean invalidate) {

    private static final int HEX_LENGTH = 34;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    static final ResumeToken BEGINNING = new ResumeToken(0, 0, false);

    Document toDocument() {
        char[] chars = new char[HEX_LENGTH];
        writeHex(chars, 0, ts, 16);
        writeHex(chars, 16, seq, 16);
        writeHex(chars, 32, invalidate ? 1 : 0, 2);
        return new Document("_data", new String(chars));
    }

    private static void writeHex(char[] chars, int offset, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            chars[offset + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }

    /**
     * Parses a token document as sent back by a driver.
     *
     * @throws de.bwaldvogel.mongo.exception.MongoServerError if it is not a token this engine issued
     */
    static ResumeToken parse(Object value) {
        if (!(value instanceof Document)) {
            throw ChangeStreamErrors.badResumeToken("resume token must be a document, got " + value);
        }
        Object data = ((Document) value).get("_data");
        if (!(data instanceof String) || ((String) data).length() != HEX_LENGTH) {
            throw ChangeStreamErrors.badResumeToken("resume token was not issued by this engine: " + value);
        }
        String hex = (String) data;
        try {
            long ts = Long.parseUnsignedLong(hex.substring(0, 16), 16);
            long seq = Long.parseUnsignedLong(hex.substring(16, 32), 16);
            int flags = Integer.parseInt(hex.substring(32, 34), 16);
            if (seq < 0 || (flags & ~1) != 0) {
                throw ChangeStreamErrors.badResumeToken("resume token was not issued by this engine: " + value);
            }
            return new ResumeToken(ts, seq, flags == 1);
        } catch (NumberFormatException e) {
            throw ChangeStreamErrors.badResumeToken("resume token was not issued by this engine: " + value);
        }
    }
}
