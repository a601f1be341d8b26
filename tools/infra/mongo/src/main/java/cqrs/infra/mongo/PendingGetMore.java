package cqrs.infra.mongo;

import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * A change-stream getMore waiting for events without holding a thread (awaitData semantics).
 *
 * <p>It is parked as a one-shot waiter on the {@link ChangeJournal} plus a timer on the connection's
 * netty event loop. An append runs the waiter, which only submits {@link #attempt} to that event loop;
 * the timer runs {@link #expire} at {@code maxTimeMS}. All state is confined to that one event loop
 * thread, so other connections served by it keep running while this one waits, and an idle stream
 * costs nothing but a timer.
 */
final class PendingGetMore {

    private final ChangeStreamService service;
    private final ChangeStreamCursor cursor;
    private final Channel channel;
    private final EventLoop eventLoop;
    private final long maxTimeMs;
    private final int batchSize;
    private final CommandReply reply;

    private final Runnable wakeUp;
    private final ChannelFutureListener onClose;
    private ScheduledFuture<?> timeout;
    private boolean done;

    PendingGetMore(ChangeStreamService service, ChangeStreamCursor cursor, Channel channel, long maxTimeMs,
                   int batchSize, CommandReply reply) {
        this.service = service;
        this.cursor = cursor;
        this.channel = channel;
        this.eventLoop = channel.eventLoop();
        this.maxTimeMs = maxTimeMs;
        this.batchSize = batchSize;
        this.reply = reply;
        this.wakeUp = () -> eventLoop.execute(this::attempt);
        this.onClose = future -> eventLoop.execute(this::abandon);
    }

    /** Called on the channel's event loop: answers at once if events are available, else parks. */
    void start() {
        if (tryComplete(maxTimeMs <= 0)) {
            return;
        }
        timeout = eventLoop.schedule(this::expire, maxTimeMs, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(onClose);
        cursor.parked(wakeUp);
        park();
    }

    private void park() {
        if (!service.journal().awaitAfter(cursor.position(), wakeUp)) {
            // Entries arrived (or are still unscanned) since the last read: look again, but as a new
            // task so other channels on this event loop get their turn.
            eventLoop.execute(this::attempt);
        }
    }

    private void attempt() {
        if (done) {
            return;
        }
        if (!tryComplete(false)) {
            park();
        }
    }

    private void expire() {
        if (!done) {
            tryComplete(true);
        }
    }

    /** Connection closed while waiting: nobody to answer. */
    private void abandon() {
        if (!done) {
            finish();
        }
    }

    /** Answers if there is something to answer (or {@code force}); returns whether it answered. */
    private boolean tryComplete(boolean force) {
        ChangeStreamCursor.Batch batch;
        try {
            if (cursor.isKilled()) {
                finish();
                reply.send(service.killedResponse(cursor));
                return true;
            }
            batch = cursor.nextBatch(batchSize);
        } catch (MongoServerError e) {
            finish();
            service.close(cursor);
            reply.fail(e);
            return true;
        }
        if (batch.events().isEmpty() && !batch.exhausted() && !force) {
            return false;
        }
        finish();
        reply.send(service.batchResponse(cursor, batch, "nextBatch"));
        return true;
    }

    private void finish() {
        done = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        service.journal().cancelAwait(wakeUp);
        cursor.unparked();
        cursor.touch();
        channel.closeFuture().removeListener(onClose);
    }
}
