package cqrs.infra.mongo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.exception.MongoServerException;

/** Turns exceptions into MongoDB command error replies ({@code ok: 0, errmsg, code, codeName}). */
final class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    static Document of(Throwable failure) {
        Document response = new Document("ok", 0.0);
        if (failure instanceof MongoServerException) {
            MongoServerException exception = (MongoServerException) failure;
            // Expected failures (duplicate key, unknown cursor, ...) are the client's business.
            log.debug("command failed: {}", exception.getMessageWithoutErrorCode());
            response.append("errmsg", exception.getMessageWithoutErrorCode());
            if (exception instanceof MongoServerError) {
                MongoServerError error = (MongoServerError) exception;
                response.append("code", error.getCode());
                response.putIfNotNull("codeName", error.getCodeName());
            }
        } else {
            log.error("unexpected error while handling a command", failure);
            response.append("errmsg", "Unknown error: " + failure);
            response.append("code", 1).append("codeName", "InternalError");
        }
        return response;
    }
}
