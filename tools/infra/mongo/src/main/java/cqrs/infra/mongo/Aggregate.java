package cqrs.infra.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.NoopOplog;

/**
 * A collection {@code aggregate} that starts with {@code $match}, run the way MongoDB runs it: the
 * match (with a {@code $sort} and {@code $limit} right behind it) is the query the planner serves
 * from an index, and only the documents it returns enter the remaining stages. The stock engine
 * feeds every pipeline the whole collection, loaded into one list, and matches afterwards: a
 * {@code countDocuments} scanned, and on a large H2 collection ran out of heap. The driver's
 * {@code countDocuments} shape ({@code $match}, {@code $skip}/{@code $limit}, one {@code $group}
 * summing 1) is answered by counting, without materializing the documents of an unfiltered count.
 * Anything else (a pipeline without a leading {@code $match}, or one that writes with
 * {@code $out}/{@code $merge}) is left to the stock engine.
 */
final class Aggregate {

    private Aggregate() {
    }

    /** The answer to {@code command}, or null when the stock engine should run it. */
    static Document pushedDown(AbstractMongoBackend backend, String databaseName, Document command) {
        Object target = command.get("aggregate");
        if (!(target instanceof String) || command.containsKey("explain")) {
            return null;
        }
        List<Document> pipeline = Aggregation.parse(command.get("pipeline"));
        if (pipeline.isEmpty() || !(pipeline.get(0).get("$match") instanceof Document)
            || pipeline.stream().anyMatch(stage -> stage.containsKey("$out") || stage.containsKey("$merge"))) {
            return null;
        }
        MongoDatabase database = backend.resolveDatabase(databaseName);
        MongoCollection<?> collection = database.resolveCollection((String) target, false);
        if (collection == null) {
            return null;
        }
        String namespace = databaseName + "." + target;
        Document match = (Document) pipeline.get(0).get("$match");
        Integer counted = countOnly(collection, match, pipeline.subList(1, pipeline.size()));
        if (counted != null) {
            Document group = (Document) pipeline.get(pipeline.size() - 1).get("$group");
            String field = group.keySet().stream().filter(name -> !name.equals("_id")).findFirst().orElseThrow();
            // $group over no documents yields no group, as MongoDB's does.
            return cursor(namespace, counted == 0 ? List.of()
                : List.of(new Document("_id", group.get("_id")).append(field, counted)));
        }
        Leading leading = leading(pipeline);
        Document selector = new Document("query", leading.match);
        if (leading.orderBy != null) {
            selector.append("orderby", leading.orderBy);
        }
        Aggregation rest = Aggregation.fromPipeline(new ArrayList<>(pipeline.subList(leading.stages, pipeline.size())),
            backend::resolveDatabase, database, collection, NoopOplog.get());
        rest.validate(command);
        Iterable<Document> matched = collection.handleQuery(new QueryParameters(selector, 0, leading.limit));
        List<Document> results = rest.runStagesAsStream(StreamSupport.stream(matched.spliterator(), false))
            .collect(Collectors.toList());
        return cursor(namespace, results);
    }

    /**
     * What the query runs of a pipeline: its leading {@code $match} (empty if none), a {@code $sort}
     * and a {@code $limit} (0: none) right behind it, and how many stages that is.
     */
    record Leading(Document match, Document orderBy, int limit, int stages) {
    }

    static Leading leading(List<Document> pipeline) {
        if (pipeline.isEmpty() || !(pipeline.get(0).get("$match") instanceof Document)) {
            return new Leading(new Document(), null, 0, 0);
        }
        int next = 1;
        Document orderBy = null;
        int limit = 0;
        if (next < pipeline.size() && pipeline.get(next).get("$sort") instanceof Document) {
            orderBy = (Document) pipeline.get(next++).get("$sort");
        }
        if (next < pipeline.size() && pipeline.get(next).get("$limit") instanceof Number) {
            limit = ((Number) pipeline.get(next++).get("$limit")).intValue();
        }
        return new Leading((Document) pipeline.get(0).get("$match"), orderBy, limit, next);
    }

    /**
     * The count of {@code [$match, $skip?, $limit?, {$group: {_id: <constant>, <field>: {$sum: 1}}}]},
     * or null for any other pipeline.
     */
    private static Integer countOnly(MongoCollection<?> collection, Document match, List<Document> rest) {
        int skip = 0;
        int limit = -1;
        int next = 0;
        if (next < rest.size() && rest.get(next).get("$skip") instanceof Number) {
            skip = ((Number) rest.get(next++).get("$skip")).intValue();
        }
        if (next < rest.size() && rest.get(next).get("$limit") instanceof Number) {
            limit = ((Number) rest.get(next++).get("$limit")).intValue();
        }
        if (next != rest.size() - 1 || !(rest.get(next).get("$group") instanceof Document)) {
            return null;
        }
        Document group = (Document) rest.get(next).get("$group");
        Object id = group.get("_id");
        if (group.size() != 2 || !(id == null || id instanceof Number || id instanceof String && !((String) id).startsWith("$"))) {
            return null;
        }
        for (String field : group.keySet()) {
            if (!field.equals("_id") && !new Document("$sum", 1).equals(group.get(field))) {
                return null;
            }
        }
        return collection.count(match, skip, limit);
    }

    private static Document cursor(String namespace, List<Document> batch) {
        return new Document("cursor", new Document("id", 0L).append("ns", namespace).append("firstBatch", batch))
            .append("ok", 1.0);
    }
}
