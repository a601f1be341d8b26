package cqrs.infra.mongo;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * The TCP server: the engine's wire codec (decoder and encoders), behind {@link MoreToComeDecoder},
 * with {@link CommandDispatcher} in place of the engine's command handler. Same pipeline shape as {@code de.bwaldvogel.mongo.MongoServer},
 * which cannot be given a different handler.
 */
final class EngineServer {

    private final MongoBackend backend;
    private final ChangeStreamService changeStreams;
    private final CatalogLock catalog = new CatalogLock();
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private ChannelGroup channels;
    private Channel serverChannel;

    EngineServer(MongoBackend backend, ChangeStreamService changeStreams) {
        this.backend = backend;
        this.changeStreams = changeStreams;
    }

    /** Binds and starts accepting connections; returns the bound address. */
    @SuppressWarnings("deprecation") // NioEventLoopGroup: kept for parity with the engine's own server
    InetSocketAddress bind(String host, int port) {
        bossGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("mongo-engine-boss", true));
        workerGroup = new NioEventLoopGroup(0, new DefaultThreadFactory("mongo-engine-worker", true));
        channels = new DefaultChannelGroup("mongo-engine-connections", GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(bossGroup, workerGroup)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 128)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    Set<Integer> noReply = new HashSet<>();
                    channel.pipeline()
                        .addLast(new MongoWireReplyEncoder())
                        .addLast(new MongoWireMessageEncoder())
                        .addLast(new MoreToComeDecoder(noReply))
                        .addLast(new MongoWireProtocolHandler())
                        .addLast(new CommandDispatcher(backend, changeStreams, channels, catalog, noReply))
                        .addLast(new MongoExceptionHandler());
                }
            });
        try {
            serverChannel = bootstrap.bind(host, port).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Stops accepting, closes client connections and the event loops. Does not close the backend. */
    void stop() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        if (channels != null) {
            channels.close().syncUninterruptibly();
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
