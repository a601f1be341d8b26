package cqrs.infra.mongo;

import java.time.Instant;
import java.util.List;

import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The server identity reported to drivers: {@code hello} / {@code isMaster} and {@code buildInfo}.
 *
 * <p><b>Wire version 9 (MongoDB 4.4).</b> The stock engine reports 8, which the Node driver 7.x rejects:
 * its {@code MIN_SUPPORTED_WIRE_VERSION} is 9 ({@code lib/cmap/wire_protocol/constants.js}, checked
 * against mongodb@7.9.0). 9 is also the highest version whose driver behaviour this engine backs:
 * at 9 the driver uses OP_MSG, {@code hello}, sessions (lsid) and label-based change-stream resumption
 * (CursorNotFound is resumable), all exercised against this engine. At 13 (5.0) the driver would start
 * allowing snapshot sessions, whose read concern the engine silently ignores, so claiming more would
 * turn "unsupported" errors into wrong results.
 *
 * <p><b>Standalone, not a replica set.</b> No {@code setName}/{@code hosts}: then both
 * {@code mongodb://host:port} and {@code ?directConnection=true} yield a single-server topology and no
 * driver ever tries to connect to advertised member names. Change streams do not need a replica-set
 * shape in the driver (only the real server requires one). {@code logicalSessionTimeoutMinutes} turns
 * on driver sessions; retryable writes stay off because the driver enables them only for replica sets
 * and sharded clusters, which matches an engine without {@code txnNumber} support. No
 * {@code topologyVersion} either, so the driver monitors by polling rather than with exhaust-streamed
 * hello, which the engine's wire decoder does not support.
 */
final class Handshake {

    static final int MAX_WIRE_VERSION = 9;
    static final List<Integer> VERSION = List.of(4, 4, 0);

    /** What the engine itself reports (serverStatus), kept consistent with the handshake. */
    static final MongoVersion ENGINE_VERSION = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return VERSION;
        }

        @Override
        public int getWireVersion() {
            return MAX_WIRE_VERSION;
        }
    };

    private static final int MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
    private static final int MAX_MESSAGE_SIZE_BYTES = 48_000_000;
    private static final int MAX_WRITE_BATCH_SIZE = 100_000;
    private static final int LOGICAL_SESSION_TIMEOUT_MINUTES = 30;

    private Handshake() {
    }

    static boolean isHello(String command) {
        return command.equalsIgnoreCase("hello") || command.equalsIgnoreCase("ismaster");
    }

    /**
     * Answer to {@code hello} (reports {@code isWritablePrimary}) or legacy {@code isMaster}/{@code ismaster}
     * (reports {@code ismaster}); both say {@code helloOk} so drivers switch to {@code hello}.
     */
    static Document hello(String command, int connectionId) {
        String primaryField = command.equalsIgnoreCase("hello") ? "isWritablePrimary" : "ismaster";
        return new Document("helloOk", true)
            .append(primaryField, true)
            .append("maxBsonObjectSize", MAX_BSON_OBJECT_SIZE)
            .append("maxMessageSizeBytes", MAX_MESSAGE_SIZE_BYTES)
            .append("maxWriteBatchSize", MAX_WRITE_BATCH_SIZE)
            .append("localTime", Instant.now())
            .append("logicalSessionTimeoutMinutes", LOGICAL_SESSION_TIMEOUT_MINUTES)
            .append("connectionId", connectionId)
            .append("minWireVersion", 0)
            .append("maxWireVersion", MAX_WIRE_VERSION)
            .append("readOnly", false)
            .append("ok", 1.0);
    }

    static Document buildInfo() {
        return new Document("version", ENGINE_VERSION.toVersionString())
            .append("gitVersion", "mongo-java-server")
            .append("versionArray", List.of(VERSION.get(0), VERSION.get(1), VERSION.get(2), 0))
            .append("bits", 64)
            .append("maxBsonObjectSize", MAX_BSON_OBJECT_SIZE)
            .append("storageEngines", List.of("mongo-java-server"))
            .append("ok", 1.0);
    }
}
