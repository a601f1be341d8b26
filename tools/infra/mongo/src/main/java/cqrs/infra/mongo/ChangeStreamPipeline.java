package cqrs.infra.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.NoopOplog;

/**
 * The user stages after {@code $changeStream}, applied to each change event with the engine's own
 * aggregation stages (so {@code $match} uses the engine's query matcher).
 *
 * <p>Only per-event stages MongoDB itself allows in a change stream are accepted; anything else (e.g.
 * {@code $group}, {@code $sort}, {@code $lookup}) is rejected when the stream is opened with error 20,
 * as MongoDB does, rather than producing silently wrong results on an unbounded stream.
 */
final class ChangeStreamPipeline {

    static final List<String> PERMITTED_STAGES =
        List.of("$match", "$project", "$addFields", "$set", "$unset", "$replaceRoot", "$replaceWith", "$redact");

    private final Aggregation aggregation;

    private ChangeStreamPipeline(Aggregation aggregation) {
        this.aggregation = aggregation;
    }

    static ChangeStreamPipeline parse(List<Document> stages) {
        if (stages.isEmpty()) {
            return new ChangeStreamPipeline(null);
        }
        List<Document> translated = new ArrayList<>();
        for (Document stage : stages) {
            if (stage.size() != 1) {
                throw ChangeStreamErrors.invalidOption("A pipeline stage specification object must contain exactly one field.");
            }
            String name = stage.keySet().iterator().next();
            Object spec = stage.get(name);
            if (!PERMITTED_STAGES.contains(name)) {
                throw ChangeStreamErrors.stageNotPermitted(name, PERMITTED_STAGES);
            }
            // The engine knows these stages only under their older names.
            if (name.equals("$set")) {
                translated.add(new Document("$addFields", spec));
            } else if (name.equals("$replaceWith")) {
                translated.add(new Document("$replaceRoot", new Document("newRoot", spec)));
            } else {
                translated.add(stage);
            }
        }
        // Per-event stages need no database, collection or oplog.
        return new ChangeStreamPipeline(Aggregation.fromPipeline(translated, null, null, null, NoopOplog.get()));
    }

    /**
     * The event as shaped by the pipeline, or null if the pipeline filtered it out.
     *
     * @throws de.bwaldvogel.mongo.exception.MongoServerError 280 if a stage changed the resume token
     */
    Document apply(Document event) {
        if (aggregation == null) {
            return event;
        }
        Object token = event.get("_id");
        Optional<Document> shaped = aggregation.runStagesAsStream(java.util.stream.Stream.of(event)).findFirst();
        if (shaped.isEmpty()) {
            return null;
        }
        if (!Objects.equals(shaped.get().get("_id"), token)) {
            throw ChangeStreamErrors.resumeTokenModified();
        }
        return shaped.get();
    }
}
