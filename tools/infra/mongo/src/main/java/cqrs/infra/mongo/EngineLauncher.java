package cqrs.infra.mongo;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Entry point: {@code EngineLauncher --host H --port P [--oplog-max-entries N] [--oplog-max-bytes B] [--h2-file F]}.
 *
 * <p>Starts mongo-java-server's backend (in memory, or H2 MVStore file when {@code --h2-file} is
 * given) with capturing collections feeding the {@link ChangeJournal}, serves it with
 * {@link EngineServer}, prints {@code engine ready on <host>:<port>} once it accepts connections,
 * and shuts down cleanly on SIGTERM/SIGINT (stops accepting, closes connections, checkpoints the H2
 * file).
 */
public final class EngineLauncher {

    private static final Logger log = LoggerFactory.getLogger(EngineLauncher.class);

    /** How often the H2 file is checkpointed; at most this much acknowledged work is lost by a crash. */
    private static final long CHECKPOINT_INTERVAL_MS = 200;

    private EngineLauncher() {
    }

    record Options(String host, int port, int oplogMaxEntries, long oplogMaxBytes, Path h2File) {

        static Options parse(String[] args) {
            String host = "127.0.0.1";
            int port = 27017;
            int oplogMaxEntries = 1_000_000;
            long oplogMaxBytes = 256L * 1024 * 1024;
            Path h2File = null;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--host" -> host = value;
                    case "--port" -> port = Integer.parseInt(value);
                    case "--oplog-max-entries" -> oplogMaxEntries = Integer.parseInt(value);
                    case "--oplog-max-bytes" -> oplogMaxBytes = Long.parseLong(value);
                    case "--h2-file" -> h2File = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + name
                        + " (expected --host, --port, --oplog-max-entries, --oplog-max-bytes, --h2-file)");
                }
            }
            return new Options(host, port, oplogMaxEntries, oplogMaxBytes, h2File);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("EngineLauncher: " + e.getMessage());
            System.exit(2);
            return;
        }
        Engine engine = Engine.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            engine.close();
            stopped.countDown();
        }, "engine-shutdown"));
        InetSocketAddress address = engine.address();
        System.out.println("engine ready on " + address.getHostString() + ":" + address.getPort());
        System.out.flush();
        stopped.await();
    }

    /** A running engine: backend, journal, change streams and the TCP server. */
    static final class Engine implements AutoCloseable {

        private final AbstractMongoBackend backend;
        private final MVStore store;
        private final WriteBarrier barrier;
        private final ChangeStreamService changeStreams;
        private final EngineServer server;
        private final ScheduledExecutorService checkpoints;
        private final InetSocketAddress address;

        private Engine(Options options) throws Exception {
            if (options.h2File() != null) {
                Path parent = options.h2File().toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                // Auto-commit off: H2's background commit would not respect the write barrier.
                store = new MVStore.Builder().fileName(options.h2File().toString()).autoCommitDisabled().open();
                barrier = WriteBarrier.create();
                ChangeJournal journal = new ChangeJournal(new H2JournalStore(store), options.oplogMaxEntries(), options.oplogMaxBytes());
                backend = new CapturingH2Backend(store, journal, barrier);
                checkpoints = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "h2-checkpoint");
                    thread.setDaemon(true);
                    return thread;
                });
                checkpoints.scheduleWithFixedDelay(this::checkpoint, CHECKPOINT_INTERVAL_MS, CHECKPOINT_INTERVAL_MS,
                    TimeUnit.MILLISECONDS);
                changeStreams = new ChangeStreamService(journal, this::lookup);
                log.info("H2 file {}", options.h2File());
            } else {
                store = null;
                barrier = WriteBarrier.none();
                checkpoints = null;
                ChangeJournal journal = new ChangeJournal(JournalStore.inMemory(), options.oplogMaxEntries(), options.oplogMaxBytes());
                backend = new CapturingMemoryBackend(journal);
                changeStreams = new ChangeStreamService(journal, this::lookup);
                log.info("in-memory backend");
            }
            // The engine's own oplog would log every write a second time, unfaithfully; the journal
            // replaces it.
            backend.disableOplog();
            backend.version(Handshake.ENGINE_VERSION);
            CursorIds.randomize(backend);
            server = new EngineServer(backend, changeStreams);
            address = server.bind(options.host(), options.port());
        }

        static Engine start(Options options) throws Exception {
            return new Engine(options);
        }

        InetSocketAddress address() {
            return address;
        }

        private void checkpoint() {
            try {
                if (store.hasUnsavedChanges()) {
                    barrier.exclusive(store::commit);
                }
            } catch (RuntimeException e) {
                log.error("H2 checkpoint failed", e);
            }
        }

        /** {@link DocumentLookup} for updateLookup: the document's current state, as a private copy. */
        private Document lookup(String db, String coll, Object id) {
            MongoCollection<?> collection = backend.resolveDatabase(db).resolveCollection(coll, false);
            if (collection == null) {
                return null;
            }
            Iterator<Document> found = collection.handleQuery(new Document("_id", id)).iterator();
            return found.hasNext() ? found.next().cloneDeeply() : null;
        }

        @Override
        public void close() {
            server.stop();
            changeStreams.close();
            if (checkpoints != null) {
                // Not shutdownNow: interrupting a checkpoint mid-commit closes H2's file channel
                // (ClosedByInterruptException), the last commit below then fails, and the writes
                // acknowledged since the previous checkpoint are lost. Let a running one finish.
                checkpoints.shutdown();
                try {
                    checkpoints.awaitTermination(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                barrier.exclusive(store::commit);
            }
            backend.close();
        }
    }
}
