package cqrs.infra.mongo;

/**
 * What a capturing collection needs to record its writes: the journal and the write barrier.
 *
 * <p>Implemented by the capturing backends and databases. Collections resolve it lazily through
 * {@code getDatabase()} at write time, because the engine constructs databases and collections from
 * inside the backend's and database's own constructors, before any subclass field could be set.
 * Both methods may return null while that construction is still running; nothing user-visible is
 * written then (only the engine's {@code system.*} bookkeeping).
 */
interface CaptureContext {

    ChangeJournal journal();

    WriteBarrier barrier();
}
