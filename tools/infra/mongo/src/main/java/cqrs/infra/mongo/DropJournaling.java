package cqrs.infra.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Journals collection and database drops, which change streams report as {@code drop} /
 * {@code dropDatabase} and which invalidate collection / database streams.
 */
final class DropJournaling {

    private DropJournaling() {
    }

    /**
     * Runs the engine's drop of {@code collection} and journals it, both inside the write barrier so an
     * H2 checkpoint sees neither or both.
     */
    static void dropCollection(CaptureContext context, MongoCollection<?> collection, Runnable drop) {
        ChangeJournal journal = context.journal();
        WriteBarrier barrier = context.barrier();
        if (journal == null || barrier == null || collection.getCollectionName().startsWith("system.")) {
            drop.run();
            return;
        }
        barrier.shared(() -> {
            drop.run();
            // Taking the dropped collection's monitor only for the append (not around the engine's drop,
            // which takes the database monitor: that order would invert the createIndexes path) puts the
            // event after every write that was still applying to the collection.
            synchronized (collection) {
                return journal.append(EventType.DROP, collection.getDatabaseName(), collection.getCollectionName(),
                    BsonBytes.encode(new Document()));
            }
        });
    }

    /** Runs the engine's drop of a database and journals a {@code dropDatabase} after its collection drops. */
    static void dropDatabase(CaptureContext context, String databaseName, boolean existed, Runnable drop) {
        ChangeJournal journal = context.journal();
        WriteBarrier barrier = context.barrier();
        if (journal == null || barrier == null) {
            drop.run();
            return;
        }
        barrier.shared(() -> {
            drop.run();
            return existed ? journal.append(EventType.DROP_DATABASE, databaseName, null, BsonBytes.encode(new Document())) : null;
        });
    }
}
