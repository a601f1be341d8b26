package cqrs.infra.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Converts documents to and from BSON bytes with the engine's own codec.
 *
 * <p>Encoding is how the journal snapshots a post-image: the engine's memory backend keeps the stored
 * {@link Document} object and mutates it in place on the next update, so a reference would change under
 * the event; the encoded bytes are an immutable deep copy that is also compact to retain.
 */
final class BsonBytes {

    private BsonBytes() {
    }

    static byte[] encode(Document document) {
        ByteBuf buffer = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }

    static Document decode(byte[] bytes, int offset, int length) {
        ByteBuf buffer = Unpooled.wrappedBuffer(bytes, offset, length);
        try {
            return BsonDecoder.decodeBson(buffer);
        } finally {
            buffer.release();
        }
    }

    static Document decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }
}
