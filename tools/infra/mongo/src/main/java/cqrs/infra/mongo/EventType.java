package cqrs.infra.mongo;

/**
 * Kind of a change recorded in the {@link ChangeJournal}, with the {@code operationType} MongoDB
 * reports for it in a change event.
 *
 * <p>The byte code is what the journal persists; it must never be renumbered, or an H2 file written by
 * an older launcher would decode into the wrong operation types.
 */
public enum EventType {
    INSERT((byte) 1, "insert"),
    /** Whole-document replacement ({@code replaceOne}, {@code findOneAndReplace}, update without $-operators). */
    REPLACE((byte) 2, "replace"),
    /** Update through $-operators; carries an updateDescription. */
    UPDATE((byte) 3, "update"),
    DELETE((byte) 4, "delete"),
    DROP((byte) 5, "drop"),
    DROP_DATABASE((byte) 6, "dropDatabase");

    private final byte code;
    private final String operationType;

    EventType(byte code, String operationType) {
        this.code = code;
        this.operationType = operationType;
    }

    byte code() {
        return code;
    }

    /** The value of the change event's {@code operationType} field. */
    public String operationType() {
        return operationType;
    }

    /** True for events about a single document (they carry a documentKey). */
    boolean isDocumentEvent() {
        return this == INSERT || this == REPLACE || this == UPDATE || this == DELETE;
    }

    static EventType fromCode(byte code) {
        for (EventType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown journal event type code " + code);
    }
}
