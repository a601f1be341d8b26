package cqrs.infra.mongo;

import java.nio.ByteOrder;
import java.util.Set;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Accepts OP_MSG requests flagged {@code moreToCome} (bit 1), which the engine's decoder rejects by
 * closing the connection. Drivers send them for unacknowledged ({@code w: 0}) commands, e.g. the
 * Node driver's {@code endSessions} on {@code MongoClient.close()}.
 *
 * <p>Frames each message, clears the flag so the engine's decoder accepts it, and records the
 * request id in {@code noReply}: the server must not answer such a request (the client reads no
 * reply, so one would be taken as the answer to its next command).
 */
final class MoreToComeDecoder extends LengthFieldBasedFrameDecoder {

    private static final int MAX_MESSAGE_BYTES = 48_000_000;
    private static final int REQUEST_ID_OFFSET = 4;
    private static final int OP_CODE_OFFSET = 12;
    private static final int FLAG_BITS_OFFSET = 16;
    private static final int OP_MSG = 2013;
    private static final int MORE_TO_COME = 1 << 1;

    private final Set<Integer> noReply;

    /** @param noReply request ids the connection's dispatcher must not answer (event-loop confined) */
    MoreToComeDecoder(Set<Integer> noReply) {
        // Length field: the message's first int32, little-endian, counting itself.
        super(ByteOrder.LITTLE_ENDIAN, MAX_MESSAGE_BYTES, 0, 4, -4, 0, true);
        this.noReply = noReply;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        ByteBuf frame = (ByteBuf) super.decode(ctx, in);
        if (frame != null && frame.readableBytes() > FLAG_BITS_OFFSET + 4
            && frame.getIntLE(OP_CODE_OFFSET) == OP_MSG) {
            int flagBits = frame.getIntLE(FLAG_BITS_OFFSET);
            if ((flagBits & MORE_TO_COME) != 0) {
                frame.setIntLE(FLAG_BITS_OFFSET, flagBits & ~MORE_TO_COME);
                noReply.add(frame.getIntLE(REQUEST_ID_OFFSET));
            }
        }
        return frame;
    }
}
