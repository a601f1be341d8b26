package cqrs.infra.mongo;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Keeps "apply a write + append its journal entry" pairs and persistence checkpoints apart.
 *
 * <p>Writers enter in shared mode (they still serialize per collection on the collection monitor), a
 * checkpoint (H2 {@code MVStore.commit()}) runs in exclusive mode. A commit therefore never captures a
 * document change without its journal entry or the reverse. The in-memory engine has nothing to
 * checkpoint and uses {@link #none()}, which costs nothing.
 */
public class WriteBarrier {

    private static final WriteBarrier NONE = new WriteBarrier(null);

    private final ReentrantReadWriteLock lock;

    private WriteBarrier(ReentrantReadWriteLock lock) {
        this.lock = lock;
    }

    /** A barrier that never blocks. */
    public static WriteBarrier none() {
        return NONE;
    }

    /** A real barrier, for a backend that checkpoints to disk. */
    public static WriteBarrier create() {
        return new WriteBarrier(new ReentrantReadWriteLock());
    }

    /** Runs a write (and its journal append) in shared mode. Re-entrant. */
    public <T> T shared(Supplier<T> write) {
        if (lock == null) {
            return write.get();
        }
        lock.readLock().lock();
        try {
            return write.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs a checkpoint while no write is half-applied. */
    public void exclusive(Runnable checkpoint) {
        if (lock == null) {
            checkpoint.run();
            return;
        }
        lock.writeLock().lock();
        try {
            checkpoint.run();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
