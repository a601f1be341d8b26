package cqrs.infra.mongo;

import java.util.List;
import java.util.Set;

import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A parsed {@code aggregate} command whose pipeline starts with {@code $changeStream}: scope, options,
 * start position and the remaining stages.
 */
final class ChangeStreamSpec {

    /** How update events carry {@code fullDocument}. */
    enum FullDocument {
        /** Absent on updates (MongoDB's default). */
        DEFAULT,
        /** The document's current state, looked up when the event is returned (MongoDB semantics). */
        UPDATE_LOOKUP,
        /** The post-image captured when the update was applied ("whenAvailable" / "required"). */
        POST_IMAGE
    }

    private static final Set<String> OPTIONS = Set.of("fullDocument", "fullDocumentBeforeChange", "resumeAfter",
        "startAfter", "startAtOperationTime", "allChangesForCluster", "showExpandedEvents");

    final ChangeStreamScope scope;
    final FullDocument fullDocument;
    final ResumeToken resumeAfter;
    final ResumeToken startAfter;
    final BsonTimestamp startAtOperationTime;
    final ChangeStreamPipeline pipeline;

    private ChangeStreamSpec(ChangeStreamScope scope, FullDocument fullDocument, ResumeToken resumeAfter,
                             ResumeToken startAfter, BsonTimestamp startAtOperationTime, ChangeStreamPipeline pipeline) {
        this.scope = scope;
        this.fullDocument = fullDocument;
        this.resumeAfter = resumeAfter;
        this.startAfter = startAfter;
        this.startAtOperationTime = startAtOperationTime;
        this.pipeline = pipeline;
    }

    /** Whether an aggregate command opens a change stream. */
    static boolean isChangeStream(Document aggregateCommand) {
        Object pipeline = aggregateCommand.get("pipeline");
        if (!(pipeline instanceof List) || ((List<?>) pipeline).isEmpty()) {
            return false;
        }
        Object first = ((List<?>) pipeline).get(0);
        return first instanceof Document && ((Document) first).containsKey("$changeStream");
    }

    static ChangeStreamSpec parse(String databaseName, Document aggregateCommand) {
        List<Document> pipeline = Aggregation.parse(aggregateCommand.get("pipeline"));
        Object optionsValue = pipeline.get(0).get("$changeStream");
        if (!(optionsValue instanceof Document)) {
            throw ChangeStreamErrors.invalidOption("the $changeStream stage specification must be an object");
        }
        Document options = (Document) optionsValue;
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw ChangeStreamErrors.unknownOption(key);
            }
        }
        for (int i = 1; i < pipeline.size(); i++) {
            if (pipeline.get(i).containsKey("$changeStream")) {
                throw ChangeStreamErrors.invalidOption("$changeStream is only valid as the first stage in a pipeline");
            }
        }

        ChangeStreamScope scope = scopeOf(databaseName, aggregateCommand.get("aggregate"),
            Boolean.TRUE.equals(options.get("allChangesForCluster")));

        FullDocument fullDocument;
        Object fullDocumentOption = options.getOrDefault("fullDocument", "default");
        switch (String.valueOf(fullDocumentOption)) {
            case "default":
                fullDocument = FullDocument.DEFAULT;
                break;
            case "updateLookup":
                fullDocument = FullDocument.UPDATE_LOOKUP;
                break;
            case "whenAvailable":
            case "required":
                // Post-images are always captured, so both are always satisfied.
                fullDocument = FullDocument.POST_IMAGE;
                break;
            default:
                throw ChangeStreamErrors.invalidOption("unsupported fullDocument option: " + fullDocumentOption);
        }

        Object beforeChange = options.getOrDefault("fullDocumentBeforeChange", "off");
        if ("required".equals(beforeChange)) {
            // Pre-images are not retained (they would double the journal); refusing beats a silent null.
            throw ChangeStreamErrors.invalidOption("fullDocumentBeforeChange: 'required' is not supported by this engine");
        } else if (!"off".equals(beforeChange) && !"whenAvailable".equals(beforeChange)) {
            throw ChangeStreamErrors.invalidOption("unsupported fullDocumentBeforeChange option: " + beforeChange);
        }

        ResumeToken resumeAfter = options.containsKey("resumeAfter") ? ResumeToken.parse(options.get("resumeAfter")) : null;
        ResumeToken startAfter = options.containsKey("startAfter") ? ResumeToken.parse(options.get("startAfter")) : null;
        Object startAt = options.get("startAtOperationTime");
        if (startAt != null && !(startAt instanceof BsonTimestamp)) {
            throw ChangeStreamErrors.invalidOption("startAtOperationTime must be a timestamp");
        }
        int startOptions = (resumeAfter != null ? 1 : 0) + (startAfter != null ? 1 : 0) + (startAt != null ? 1 : 0);
        if (startOptions > 1) {
            throw ChangeStreamErrors.invalidOption("Only one type of resume option is allowed, but multiple were found.");
        }

        ChangeStreamPipeline stages = ChangeStreamPipeline.parse(pipeline.subList(1, pipeline.size()));
        return new ChangeStreamSpec(scope, fullDocument, resumeAfter, startAfter, (BsonTimestamp) startAt, stages);
    }

    private static ChangeStreamScope scopeOf(String databaseName, Object aggregateTarget, boolean allChangesForCluster) {
        if (aggregateTarget instanceof String) {
            if (allChangesForCluster) {
                throw ChangeStreamErrors.invalidOption("allChangesForCluster is only valid on the admin database with {aggregate: 1}");
            }
            return ChangeStreamScope.collection(databaseName, (String) aggregateTarget);
        }
        if (aggregateTarget instanceof Number && ((Number) aggregateTarget).intValue() == 1) {
            if (databaseName.equals("admin")) {
                if (!allChangesForCluster) {
                    throw ChangeStreamErrors.invalidOption("$changeStream on the admin database requires allChangesForCluster: true");
                }
                return ChangeStreamScope.cluster();
            }
            if (allChangesForCluster) {
                throw ChangeStreamErrors.invalidOption("allChangesForCluster is only valid on the admin database");
            }
            return ChangeStreamScope.database(databaseName);
        }
        throw ChangeStreamErrors.invalidOption("aggregate must name a collection or be 1");
    }
}
