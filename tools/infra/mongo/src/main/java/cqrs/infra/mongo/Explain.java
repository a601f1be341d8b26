package cqrs.infra.mongo;

import java.util.List;
import java.util.Locale;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;

/**
 * The {@code explain} command for {@code find}, {@code count}, {@code distinct},
 * {@code findAndModify}, {@code update}, {@code delete} (the first statement) and {@code aggregate}
 * (its leading {@code $match}, {@code $sort} and {@code $limit}): runs the read
 * the command would run (with its filter, sort and limit, as the engine's write paths read) and
 * answers, in MongoDB's terms, the winning plan ({@code IXSCAN} with its index, or
 * {@code COLLSCAN}) and {@code executionStats} (index keys and documents examined). Nothing is
 * modified.
 */
final class Explain {

    private Explain() {
    }

    /** The read part of a command: filter, sort, skip and limit (0: none). */
    private record Read(Document filter, Document sort, int skip, int limit) {
    }

    static Document of(AbstractMongoBackend backend, String databaseName, Document command) {
        if (!(command.get("explain") instanceof Document)) {
            throw new MongoServerError(2, "BadValue", "explain takes the command to explain as a document");
        }
        Document explained = (Document) command.get("explain");
        String verb = explained.keySet().iterator().next();
        String collectionName = String.valueOf(explained.get(verb));
        Read read = readOf(verb, explained);
        MongoCollection<?> collection = backend.resolveDatabase(databaseName).resolveCollection(collectionName, false);
        String namespace = databaseName + "." + collectionName;
        if (collection == null) {
            return answer(namespace, new Document("stage", "EOF"), 0, 0);
        }
        Document selector = new Document("query", read.filter);
        if (read.sort != null) {
            selector.append("orderby", read.sort);
        }
        QueryStats.Executed executed = QueryStats.measure(
            () -> collection.handleQuery(new QueryParameters(selector, read.skip, read.limit)));
        if (executed == null || executed.index() == null) {
            long documents = executed == null ? 0 : executed.documents();
            return answer(namespace, new Document("stage", "COLLSCAN").append("filter", read.filter), 0, documents);
        }
        Document index = new Document("stage", "IXSCAN").append("indexName", executed.index());
        return answer(namespace, new Document("stage", "FETCH").append("filter", read.filter).append("inputStage", index),
            executed.keys(), executed.documents());
    }

    private static Document answer(String namespace, Document winningPlan, long keys, long documents) {
        return new Document("queryPlanner", new Document("namespace", namespace).append("winningPlan", winningPlan)
            .append("rejectedPlans", List.of()))
            .append("executionStats", new Document("executionSuccess", true)
                .append("totalKeysExamined", keys)
                .append("totalDocsExamined", documents))
            .append("ok", 1.0);
    }

    @SuppressWarnings("unchecked")
    private static Read readOf(String verb, Document explained) {
        switch (verb.toLowerCase(Locale.ROOT)) {
            case "find":
                return new Read(orEmpty(explained.get("filter")), sortOf(explained.get("sort")),
                    number(explained.get("skip")), Math.abs(number(explained.get("limit"))));
            case "count":
                return new Read(orEmpty(explained.get("query")), null, number(explained.get("skip")),
                    Math.abs(number(explained.get("limit"))));
            case "aggregate": {
                Aggregate.Leading leading = Aggregate.leading(Aggregation.parse(explained.get("pipeline")));
                return new Read(leading.match(), leading.orderBy(), 0, leading.limit());
            }
            case "distinct":
                return new Read(orEmpty(explained.get("query")), null, 0, 0);
            case "findandmodify":
                return new Read(orEmpty(explained.get("query")), sortOf(explained.get("sort")), 0, 1);
            case "update":
            case "delete": {
                Object statements = explained.get(verb.equals("update") ? "updates" : "deletes");
                if (!(statements instanceof List) || ((List<Object>) statements).isEmpty()) {
                    return new Read(new Document(), null, 0, 0);
                }
                Document statement = (Document) ((List<Object>) statements).get(0);
                // The engine's update reads every match; a delete reads up to its limit.
                int limit = verb.equals("delete") ? number(statement.get("limit")) : 0;
                return new Read(orEmpty(statement.get("q")), null, 0, limit);
            }
            default:
                throw new MongoServerError(72, "InvalidOptions", "explain of " + verb + " is not supported by this engine");
        }
    }

    private static Document orEmpty(Object filter) {
        return filter instanceof Document ? (Document) filter : new Document();
    }

    private static Document sortOf(Object sort) {
        return sort instanceof Document && !((Document) sort).isEmpty() ? (Document) sort : null;
    }

    private static int number(Object value) {
        return value instanceof Number ? ((Number) value).intValue() : 0;
    }
}
