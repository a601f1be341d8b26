package cqrs.infra.mongo;

import java.util.Locale;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Makes {@code renameCollection} atomic for every other command, as MongoDB's is. The engine's
 * rename with {@code dropTarget} drops the target and then moves the source into its place, so a
 * read in between would find no collection at all (a read-model rebuild switches this way while
 * the read model serves). Every command runs in shared mode, a rename in exclusive mode; one
 * instance per engine, shared by all connections.
 */
final class CatalogLock {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /** The lock command {@code name} runs under. */
    Lock forCommand(String name) {
        return "renamecollection".equals(name.toLowerCase(Locale.ROOT)) ? lock.writeLock() : lock.readLock();
    }
}
