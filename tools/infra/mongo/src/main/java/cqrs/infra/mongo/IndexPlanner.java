package cqrs.infra.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * Chooses how a query finds its documents, the way MongoDB's planner does for the shapes this
 * platform and MongoDB clients use: equality on an indexed field uses the index whatever the
 * filter's form (implicit, {@code $eq}, {@code $in}, inside {@code $and}, one field among
 * others); an ordered index serves its longest fixed prefix and a range on the next field. The
 * positions found are a superset; every document is still matched against the whole filter, so
 * a plan can only change the cost, never the answer. Whatever no index serves is a collection
 * scan, counted and logged by {@link QueryStats}.
 */
final class IndexPlanner {

    /** More lookups than this (a product of {@code $in} lists) and a scan is no worse. */
    private static final int MAX_PREFIXES = 256;

    private IndexPlanner() {
    }

    /** What a filter fixes about one field, in a form an index can use. */
    private static final class Condition {
        Object eq;
        List<Object> in;
        Object low;
        boolean lowInclusive;
        Object high;
        boolean highInclusive;

        boolean fixed() {
            return eq != null || in != null;
        }

        List<Object> values() {
            return eq != null ? List.of(eq) : in;
        }
    }

    /**
     * An index's answer to a query: the positions to examine, counted as they are read (a walk of
     * an ordered index is lazy, so a limit stops it early), and whether they come in the
     * query's sort order already.
     */
    static final class Plan<P> {
        final String index;
        final Iterable<P> positions;
        final boolean sorted;
        private final long[] examined;

        Plan(String index, Iterable<P> positions, boolean sorted, long[] examined) {
            this.index = index;
            this.positions = positions;
            this.sorted = sorted;
            this.examined = examined;
        }

        /** Index keys visited so far. */
        long keys() {
            return examined[0];
        }

        /** Positions handed out so far: the documents examined. */
        long documents() {
            return examined[1];
        }
    }

    /**
     * Runs {@code query} on {@code collection}: through the positions an index gives (with the
     * sort left to {@code fromPositions} unless the index order is the sort), or as a collection
     * scan.
     */
    static <P> QueryResult query(MongoCollection<P> collection, Document query, Document orderBy,
                                 BiFunction<Iterable<P>, Document, QueryResult> fromPositions,
                                 Supplier<QueryResult> scan) {
        Plan<P> plan = plan(collection.getIndexes(), query, orderBy);
        if (plan != null) {
            QueryResult result = fromPositions.apply(plan.positions, plan.sorted ? null : orderBy);
            QueryStats.indexed(plan.index, plan.keys(), plan.documents());
            return result;
        }
        long documents = collection.count();
        QueryResult result = scan.get();
        QueryStats.collectionScan(collection.getFullName(), query, documents);
        return result;
    }

    /** How an index serves {@code query}, or null when none does (a collection scan). */
    static <P> Plan<P> plan(List<Index<P>> indexes, Document query, Document orderBy) {
        Map<String, Condition> conditions = new HashMap<>();
        collect(query, conditions);
        if (!conditions.isEmpty()) {
            // A unique index with every field fixed: one lookup per value.
            for (Index<P> index : indexes) {
                Document lookup = index.isUnique() ? uniqueLookup(index.getKeys(), conditions) : null;
                if (lookup != null) {
                    return lookup(index, lookup);
                }
            }
            // The ordered index with the longest fixed prefix; a range on the next field breaks ties.
            OrderedIndex<P> best = null;
            int bestScore = 0;
            for (Index<P> index : indexes) {
                OrderedIndex<P> ordered = orderedOf(index);
                int score = ordered == null ? 0 : score(ordered.fields(), conditions);
                if (score > bestScore) {
                    best = ordered;
                    bestScore = score;
                }
            }
            if (best != null) {
                return scan(best, conditions, orderBy);
            }
        }
        // What the engine's own lookup serves (e.g. a regular expression on a unique index).
        for (Index<P> index : indexes) {
            if (index.canHandle(query)) {
                return lookup(index, query);
            }
        }
        return null;
    }

    private static <P> Plan<P> lookup(Index<P> index, Document lookup) {
        List<P> found = new ArrayList<>();
        index.getPositions(lookup).forEach(found::add);
        return new Plan<>(index.getName(), found, false, new long[] {found.size(), found.size()});
    }

    @SuppressWarnings("unchecked")
    private static <P> OrderedIndex<P> orderedOf(Index<P> index) {
        if (index instanceof OrderedIndex) {
            return (OrderedIndex<P>) index;
        }
        if (index instanceof OrderedUniqueIndex) {
            return ((OrderedUniqueIndex<P>) index).order();
        }
        return null;
    }

    private static Document uniqueLookup(List<IndexKey> keys, Map<String, Condition> conditions) {
        Document lookup = new Document();
        for (IndexKey key : keys) {
            Condition condition = conditions.get(key.getKey());
            if (condition == null || !condition.fixed()) {
                return null;
            }
            if (condition.eq != null) {
                lookup.put(key.getKey(), condition.eq);
            } else if (keys.size() == 1) {
                lookup.put(key.getKey(), new Document("$in", condition.in));
            } else {
                return null;
            }
        }
        return lookup;
    }

    /** How many leading fields of the index the filter fixes by equality. */
    private static int fixedFields(List<String> fields, Map<String, Condition> conditions) {
        int fixed = 0;
        while (fixed < fields.size()) {
            Condition condition = conditions.get(fields.get(fixed));
            if (condition == null || !condition.fixed()) {
                break;
            }
            fixed++;
        }
        return fixed;
    }

    /** 0 when the index cannot help; more for a longer fixed prefix, one more for a range after it. */
    private static int score(List<String> fields, Map<String, Condition> conditions) {
        int fixed = fixedFields(fields, conditions);
        long prefixes = 1;
        for (int i = 0; i < fixed; i++) {
            prefixes *= conditions.get(fields.get(i)).values().size();
        }
        if (prefixes > MAX_PREFIXES) {
            return 0;
        }
        boolean range = fixed < fields.size() && hasRange(conditions.get(fields.get(fixed)));
        return fixed * 2 + (range ? 1 : 0);
    }

    private static boolean hasRange(Condition condition) {
        return condition != null && (condition.low != null || condition.high != null);
    }

    /** One stretch of an ordered index: from {@code lower} to {@code upper}, as key prefixes. */
    private record Bounds(List<Object> lower, List<Object> upper) {
    }

    private static <P> Plan<P> scan(OrderedIndex<P> index, Map<String, Condition> conditions, Document orderBy) {
        List<String> fields = index.fields();
        int fixed = fixedFields(fields, conditions);
        List<List<Object>> prefixes = new ArrayList<>();
        prefixes.add(List.of());
        for (int i = 0; i < fixed; i++) {
            List<List<Object>> longer = new ArrayList<>();
            for (List<Object> prefix : prefixes) {
                for (Object value : conditions.get(fields.get(i)).values()) {
                    List<Object> next = new ArrayList<>(prefix);
                    next.add(value);
                    longer.add(next);
                }
            }
            prefixes = longer;
        }
        Condition range = fixed < fields.size() ? conditions.get(fields.get(fixed)) : null;
        Object low = hasRange(range) ? range.low : null;
        // On a multikey index two bounds may be met by different elements: keep one.
        Object high = hasRange(range) && !(low != null && index.isMultikey()) ? range.high : null;
        // A key that only starts with the bound sorts after it: past it, add MAX; to include it, stop there.
        boolean lowerInclusive = low == null || range.lowInclusive;
        boolean upperInclusive = high == null || range.highInclusive;
        List<Bounds> bounds = new ArrayList<>();
        for (List<Object> prefix : prefixes) {
            // Without a lower bound the prefix itself is the bound: it sorts before every longer key
            // it starts and equals a key of exactly the prefix (an index whose fields are all fixed).
            List<Object> lower = new ArrayList<>(prefix);
            if (low != null) {
                lower.add(low);
                if (!lowerInclusive) {
                    lower.add(OrderedIndex.MAX);
                }
            }
            List<Object> upper = new ArrayList<>(prefix);
            upper.add(high != null ? high : OrderedIndex.MAX);
            if (upperInclusive) {
                upper.add(OrderedIndex.MAX);
            }
            bounds.add(new Bounds(lower, upper));
        }
        long[] examined = new long[2];
        if (bounds.size() == 1 && !index.isMultikey()) {
            // One stretch of keys, one key per document: walk it lazily, in the sort's order when
            // the sort is the index order after the fixed fields.
            Boolean descending = sortDirection(fields, fixed, orderBy);
            Bounds only = bounds.get(0);
            Iterable<P> walk = index.walk(only.lower, only.upper, Boolean.TRUE.equals(descending), examined);
            return new Plan<>(index.getName(), walk, descending != null, examined);
        }
        Set<P> found = new LinkedHashSet<>();
        for (Bounds pair : bounds) {
            for (P position : index.walk(pair.lower, pair.upper, false, examined)) {
                found.add(position);
            }
        }
        examined[1] = found.size();
        return new Plan<>(index.getName(), new ArrayList<>(found), false, examined);
    }

    /**
     * Whether walking the index gives {@code orderBy}: null when it does not (or there is no
     * sort), else whether the walk goes backwards. The sort's fields must follow the index's from
     * the first field not fixed by equality (fixed fields may appear anywhere in it), all in one
     * direction: the index holds keys in ascending value order whatever its declared direction.
     */
    private static Boolean sortDirection(List<String> fields, int fixed, Document orderBy) {
        if (orderBy == null || orderBy.isEmpty()) {
            return null;
        }
        Boolean descending = null;
        int next = fixed;
        for (Map.Entry<String, Object> sort : orderBy.entrySet()) {
            int at = fields.indexOf(sort.getKey());
            if (at >= 0 && at < fixed) {
                continue;
            }
            if (at != next || !(sort.getValue() instanceof Number)) {
                return null;
            }
            boolean backwards = ((Number) sort.getValue()).doubleValue() < 0;
            if (descending != null && descending != backwards) {
                return null;
            }
            descending = backwards;
            next++;
        }
        return descending == null ? Boolean.FALSE : descending;
    }

    /** Gathers the conditions of a filter's top level and of the filters in its {@code $and}. */
    private static void collect(Document query, Map<String, Condition> into) {
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            String field = entry.getKey();
            Object value = entry.getValue();
            if (field.equals("$and") && value instanceof Collection) {
                for (Object part : (Collection<?>) value) {
                    if (part instanceof Document) {
                        collect((Document) part, into);
                    }
                }
            } else if (!field.startsWith("$")) {
                Condition condition = into.computeIfAbsent(field, f -> new Condition());
                if (isScalar(value)) {
                    condition.eq = value;
                } else if (value instanceof Document && isOperators((Document) value)) {
                    operators((Document) value, condition);
                }
            }
        }
    }

    private static void operators(Document operators, Condition condition) {
        for (Map.Entry<String, Object> operator : operators.entrySet()) {
            Object value = operator.getValue();
            switch (operator.getKey()) {
                case "$eq":
                    if (isScalar(value)) {
                        condition.eq = value;
                    }
                    break;
                case "$in":
                    if (value instanceof Collection && !((Collection<?>) value).isEmpty()
                        && ((Collection<?>) value).stream().allMatch(IndexPlanner::isScalar)) {
                        condition.in = new ArrayList<>(new LinkedHashSet<>((Collection<?>) value));
                    }
                    break;
                case "$gt":
                case "$gte":
                    if (isScalar(value)) {
                        condition.low = value;
                        condition.lowInclusive = operator.getKey().equals("$gte");
                    }
                    break;
                case "$lt":
                case "$lte":
                    if (isScalar(value)) {
                        condition.high = value;
                        condition.highInclusive = operator.getKey().equals("$lte");
                    }
                    break;
                default:
                    break;
            }
        }
    }

    private static boolean isOperators(Document value) {
        return !value.isEmpty() && value.keySet().stream().allMatch(key -> key.startsWith("$"));
    }

    /**
     * Values whose equality is the index key's equality. Not null (it also matches a missing
     * field), documents or arrays (whole-value matches), nor NaN.
     */
    private static boolean isScalar(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return !Double.isNaN(((Number) value).doubleValue());
        }
        return value instanceof String || value instanceof Number || value instanceof Boolean
            || value instanceof ObjectId || value instanceof Instant || value instanceof Date
            || value instanceof UUID;
    }
}
