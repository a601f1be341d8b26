package cqrs.infra.mongo;

import java.util.Set;

/**
 * What a change stream watches: one collection ({@code collection.watch()}), one database
 * ({@code db.watch()}) or the whole deployment ({@code client.watch()}), and which journal entries
 * belong to it. Matching is two string comparisons on decoded header fields, so skipping other
 * namespaces never touches BSON.
 *
 * @param db   watched database, null for the whole deployment
 * @param coll watched collection, null for a database or deployment stream
 */
record ChangeStreamScope(String db, String coll) {

    /** Databases MongoDB excludes from deployment-wide streams. */
    private static final Set<String> INTERNAL_DATABASES = Set.of("admin", "config", "local");

    static ChangeStreamScope cluster() {
        return new ChangeStreamScope(null, null);
    }

    static ChangeStreamScope database(String db) {
        return new ChangeStreamScope(db, null);
    }

    static ChangeStreamScope collection(String db, String coll) {
        return new ChangeStreamScope(db, coll);
    }

    boolean sees(JournalEntry entry) {
        if (db == null) {
            return !INTERNAL_DATABASES.contains(entry.db);
        }
        if (!db.equals(entry.db)) {
            return false;
        }
        return coll == null || coll.equals(entry.coll);
    }

    /** Whether an entry this scope sees ends the stream with an {@code invalidate} event. */
    boolean invalidatedBy(JournalEntry entry) {
        if (coll != null) {
            return entry.type == EventType.DROP; // the collection itself was dropped (or its database)
        }
        if (db != null) {
            return entry.type == EventType.DROP_DATABASE;
        }
        return false;
    }

    /** The cursor namespace MongoDB reports for this kind of stream. */
    String cursorNamespace() {
        if (coll != null) {
            return db + "." + coll;
        }
        return (db != null ? db : "admin") + ".$cmd.aggregate";
    }
}
