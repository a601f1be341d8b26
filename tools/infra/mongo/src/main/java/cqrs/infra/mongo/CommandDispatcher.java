package cqrs.infra.mongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.ClientRequest;
import de.bwaldvogel.mongo.wire.message.MessageHeader;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import de.bwaldvogel.mongo.wire.message.MongoReply;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;

/**
 * Per-connection netty handler replacing the engine's {@code MongoDatabaseHandler}: it answers the
 * handshake and change-stream commands itself and passes every other command to the engine backend.
 *
 * <p>The engine's handler can only answer synchronously (its backend API returns a Document), so a
 * waiting getMore would block the event loop and every other connection on it; 1.47.0 has no async
 * command path. Here a command may answer later through its {@link CommandReply}. Engine commands
 * still run synchronously on the event loop, as in the stock server; they hold collection monitors
 * only briefly.
 */
final class CommandDispatcher extends SimpleChannelInboundHandler<ClientRequest> {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    private static final AtomicInteger CONNECTION_IDS = new AtomicInteger();
    private static final AtomicInteger RESPONSE_IDS = new AtomicInteger();

    private final MongoBackend backend;
    private final ChangeStreamService changeStreams;
    private final ChannelGroup channels;
    private final CatalogLock catalog;
    /** Ids of this connection's requests sent with moreToCome; see {@link MoreToComeDecoder}. */
    private final Set<Integer> noReply;
    private int connectionId;

    CommandDispatcher(MongoBackend backend, ChangeStreamService changeStreams, ChannelGroup channels,
                      CatalogLock catalog, Set<Integer> noReply) {
        this.backend = backend;
        this.changeStreams = changeStreams;
        this.channels = channels;
        this.catalog = catalog;
        this.noReply = noReply;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        connectionId = CONNECTION_IDS.incrementAndGet();
        channels.add(ctx.channel());
        log.debug("connection {} from {}", connectionId, ctx.channel().remoteAddress());
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        log.debug("connection {} closed", connectionId);
        backend.handleClose(ctx.channel());
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientRequest request) {
        Channel channel = ctx.channel();
        MessageHeader responseHeader = new MessageHeader(RESPONSE_IDS.incrementAndGet(), request.getHeader().getRequestID());
        if (request instanceof MongoMessage) {
            MongoMessage message = (MongoMessage) request;
            CommandReply reply = noReply.remove(request.getHeader().getRequestID())
                ? response -> { }
                : response -> channel.writeAndFlush(new MongoMessage(channel, responseHeader, response));
            dispatch(channel, message.getDatabaseName(), message.getDocument(), reply);
        } else if (request instanceof MongoQuery) {
            // Legacy OP_QUERY: drivers use it for the very first handshake only.
            MongoQuery query = (MongoQuery) request;
            if (query.getCollectionName().startsWith("$cmd")) {
                Document command = query.getQuery();
                if (command.containsKey("$query")) {
                    command = (Document) command.get("$query");
                }
                CommandReply reply = response -> channel.writeAndFlush(new MongoReply(responseHeader, response));
                dispatch(channel, query.getDatabaseName(), command, reply);
            } else {
                QueryResult result = backend.handleQuery(query);
                channel.writeAndFlush(new MongoReply(responseHeader, result.collectDocuments(), result.getCursorId()));
            }
        } else {
            throw new IllegalArgumentException("unsupported request " + request);
        }
    }

    private void dispatch(Channel channel, String databaseName, Document command, CommandReply reply) {
        Lock lock = null;
        try {
            String name = command.keySet().iterator().next();
            lock = catalog.forCommand(name);
            lock.lock();
            if (Handshake.isHello(name)) {
                reply.send(Handshake.hello(name, connectionId));
                return;
            }
            switch (name.toLowerCase(Locale.ROOT)) {
                case "buildinfo":
                    reply.send(Handshake.buildInfo());
                    return;
                case "aggregate":
                    if (ChangeStreamSpec.isChangeStream(command)) {
                        reply.send(changeStreams.aggregate(databaseName, command));
                        return;
                    }
                    Document aggregated = Aggregate.pushedDown((AbstractMongoBackend) backend, databaseName, command);
                    if (aggregated != null) {
                        reply.send(aggregated);
                        return;
                    }
                    break;
                case "getmore":
                    if (changeStreams.ownsCursor(((Number) command.get(name)).longValue())) {
                        changeStreams.getMore(channel, command, reply); // answers now or later
                        return;
                    }
                    break;
                case "killcursors":
                    reply.send(killCursors(channel, databaseName, command));
                    return;
                case "explain":
                    reply.send(Explain.of((AbstractMongoBackend) backend, databaseName, command));
                    return;
                case "serverstatus":
                    reply.send(withEngineStatus(backend.handleCommand(channel, databaseName, name, command)));
                    return;
                case "listcollections":
                    reply.send(ListCollections.applyOptions(command,
                        backend.handleCommand(channel, databaseName, name, command)));
                    return;
                default:
                    break;
            }
            reply.send(backend.handleCommand(channel, databaseName, name, command));
        } catch (RuntimeException e) {
            reply.fail(e);
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
    }

    /**
     * The engine's {@code serverStatus} with what MongoDB's also has and soaks and benchmarks read:
     * {@code metrics.queryExecutor} ({@link QueryStats}) and {@code mem} (resident and virtual
     * MiB); and, this engine's own, {@code engine}: the JVM heap, the change journal and how far
     * the open change streams are behind it.
     */
    private Document withEngineStatus(Document status) {
        Object metrics = status.get("metrics");
        Document withQueries = metrics instanceof Document ? (Document) metrics : new Document();
        withQueries.put("queryExecutor", QueryStats.queryExecutor());
        status.put("metrics", withQueries);
        status.put("mem", ProcessMemory.mem());
        Runtime runtime = Runtime.getRuntime();
        Document heap = new Document("usedBytes", runtime.totalMemory() - runtime.freeMemory())
            .append("committedBytes", runtime.totalMemory())
            .append("maxBytes", runtime.maxMemory());
        status.put("engine", changeStreams.status().append("heap", heap));
        return status;
    }

    /** Splits the ids between change-stream cursors and the engine's own cursors. */
    @SuppressWarnings("unchecked")
    private Document killCursors(Channel channel, String databaseName, Document command) {
        List<Long> ids = new ArrayList<>();
        for (Object id : (Collection<Object>) command.get("cursors")) {
            ids.add(((Number) id).longValue());
        }
        List<Long> streamIds = new ArrayList<>();
        List<Long> engineIds = new ArrayList<>();
        for (Long id : ids) {
            (changeStreams.ownsCursor(id) ? streamIds : engineIds).add(id);
        }
        List<Long> killed = new ArrayList<>(changeStreams.kill(streamIds));
        List<Long> notFound = new ArrayList<>();
        for (Long id : streamIds) {
            if (!killed.contains(id)) {
                notFound.add(id);
            }
        }
        if (!engineIds.isEmpty()) {
            Document engineCommand = new Document(command);
            engineCommand.put("cursors", engineIds);
            Document engineResponse = backend.handleCommand(channel, databaseName, "killCursors", engineCommand);
            killed.addAll((Collection<Long>) engineResponse.get("cursorsKilled"));
            notFound.addAll((Collection<Long>) engineResponse.get("cursorsNotFound"));
        }
        return new Document("cursorsKilled", killed)
            .append("cursorsNotFound", notFound)
            .append("cursorsAlive", List.of())
            .append("cursorsUnknown", List.of())
            .append("ok", 1.0);
    }
}
