package cqrs.infra.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Computes a change event's {@code updateDescription} from the pre- and post-image of an
 * $-operator update.
 *
 * <p>Diffing the images rather than interpreting the update operators keeps it correct for every
 * operator the engine implements. Nested documents are diffed recursively into dotted paths, as
 * MongoDB reports them; arrays are reported whole (MongoDB may instead report element paths or
 * {@code truncatedArrays}; both describe the same post-image).
 */
final class UpdateDescriptions {

    private UpdateDescriptions() {
    }

    static Document diff(Document before, Document after) {
        Document updatedFields = new Document();
        List<String> removedFields = new ArrayList<>();
        diff("", before, after, updatedFields, removedFields);
        return new Document("updatedFields", updatedFields)
            .append("removedFields", removedFields)
            .append("truncatedArrays", List.of());
    }

    private static void diff(String prefix, Document before, Document after, Document updated, List<String> removed) {
        for (Map.Entry<String, Object> entry : after.entrySet()) {
            String key = entry.getKey();
            Object newValue = entry.getValue();
            if (!before.containsKey(key)) {
                updated.put(prefix + key, newValue);
                continue;
            }
            Object oldValue = before.get(key);
            if (oldValue instanceof Document && newValue instanceof Document) {
                diff(prefix + key + ".", (Document) oldValue, (Document) newValue, updated, removed);
            } else if (!sameValue(oldValue, newValue)) {
                updated.put(prefix + key, newValue);
            }
        }
        for (String key : before.keySet()) {
            if (!after.containsKey(key)) {
                removed.add(prefix + key);
            }
        }
    }

    private static boolean sameValue(Object a, Object b) {
        // Type-sensitive: $set {n: 1.0} over {n: 1} is a change MongoDB reports.
        return (a == null ? b == null : b != null && a.getClass() == b.getClass()) && Objects.deepEquals(a, b);
    }
}
