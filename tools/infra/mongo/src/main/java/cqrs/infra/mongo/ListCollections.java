package cqrs.infra.mongo;

import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Applies {@code listCollections}' {@code filter} and {@code nameOnly}, which the engine ignores: it
 * always lists every collection, so {@code db.listCollections({name: 'x'})} (the usual "does this
 * collection exist" check) would wrongly answer yes.
 */
final class ListCollections {

    private ListCollections() {
    }

    @SuppressWarnings("unchecked")
    static Document applyOptions(Document command, Document response) {
        Object filter = command.get("filter");
        boolean nameOnly = Boolean.TRUE.equals(command.get("nameOnly"));
        Document cursor = (Document) response.get("cursor");
        if (cursor == null || (!(filter instanceof Document) && !nameOnly)) {
            return response;
        }
        DefaultQueryMatcher matcher = new DefaultQueryMatcher();
        List<Document> kept = new ArrayList<>();
        for (Document collection : (List<Document>) cursor.get("firstBatch")) {
            if (filter instanceof Document && !matcher.matches(collection, (Document) filter)) {
                continue;
            }
            kept.add(nameOnly
                ? new Document("name", collection.get("name")).append("type", collection.get("type"))
                : collection);
        }
        cursor.put("firstBatch", kept);
        return response;
    }
}
