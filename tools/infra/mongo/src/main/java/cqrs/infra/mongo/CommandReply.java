package cqrs.infra.mongo;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Where the answer to one client command goes. Lets a command complete later and on another thread
 * (a parked change-stream getMore), whichever wire format (OP_MSG or legacy OP_QUERY) it arrived in.
 */
interface CommandReply {

    void send(Document response);

    default void fail(Throwable failure) {
        send(ErrorResponses.of(failure));
    }
}
