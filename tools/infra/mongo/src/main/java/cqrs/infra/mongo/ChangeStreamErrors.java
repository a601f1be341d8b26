package cqrs.infra.mongo;

import java.util.List;

import de.bwaldvogel.mongo.exception.MongoServerError;

/**
 * The MongoDB errors change streams report, with the codes drivers act on.
 *
 * <p>Codes matter more than messages here: the Node driver (wire version >= 9) resumes automatically
 * only on CursorNotFound or errors labelled {@code ResumableChangeStreamError}; 286 and 280 must reach
 * the application, because resuming would silently skip events.
 */
final class ChangeStreamErrors {

    static final int ILLEGAL_OPERATION = 20;
    static final int CURSOR_NOT_FOUND = 43;
    static final int INVALID_OPTIONS = 72;
    static final int CHANGE_STREAM_FATAL_ERROR = 280;
    static final int CHANGE_STREAM_HISTORY_LOST = 286;
    static final int UNKNOWN_FIELD = 40415;

    private ChangeStreamErrors() {
    }

    static MongoServerError historyLost() {
        return new MongoServerError(CHANGE_STREAM_HISTORY_LOST, "ChangeStreamHistoryLost",
            "Resume of change stream was not possible, as the resume point may no longer be in the oplog.");
    }

    static MongoServerError tokenNotFound(ResumeToken token) {
        return new MongoServerError(CHANGE_STREAM_FATAL_ERROR, "ChangeStreamFatalError",
            "cannot resume stream; the resume token was not found: " + token.toDocument()
                + " (it belongs to a different or reset oplog history)");
    }

    static MongoServerError badResumeToken(String message) {
        return new MongoServerError(CHANGE_STREAM_FATAL_ERROR, "ChangeStreamFatalError", message);
    }

    static MongoServerError resumeAfterInvalidate() {
        return new MongoServerError(CHANGE_STREAM_FATAL_ERROR, "ChangeStreamFatalError",
            "cannot resume a change stream with 'resumeAfter' from an invalidate notification; use 'startAfter'");
    }

    static MongoServerError resumeTokenModified() {
        return new MongoServerError(CHANGE_STREAM_FATAL_ERROR, "ChangeStreamFatalError",
            "Encountered an event whose _id field, which contains the resume token, was modified by the pipeline. "
                + "Modifying the _id field of an event makes it impossible to resume the stream from that point.");
    }

    static MongoServerError stageNotPermitted(String stage, List<String> permitted) {
        return new MongoServerError(ILLEGAL_OPERATION, "IllegalOperation",
            stage + " is not permitted in a $changeStream pipeline (this engine supports " + permitted + ")");
    }

    static MongoServerError unknownOption(String option) {
        return new MongoServerError(UNKNOWN_FIELD, "Location40415",
            "BSON field '$changeStream." + option + "' is an unknown field.");
    }

    static MongoServerError invalidOption(String message) {
        return new MongoServerError(INVALID_OPTIONS, "InvalidOptions", message);
    }

    static MongoServerError cursorNotFound(long cursorId) {
        return new MongoServerError(CURSOR_NOT_FOUND, "CursorNotFound", "cursor id " + cursorId + " not found");
    }
}
