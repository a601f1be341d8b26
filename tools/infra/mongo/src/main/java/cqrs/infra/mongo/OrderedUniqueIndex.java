package cqrs.infra.mongo;

import java.util.function.Supplier;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

/**
 * A compound unique index of the engine's, with an {@link OrderedIndex} of the same fields kept
 * beside it: the engine's own index enforces uniqueness and serves full-key lookups; the order
 * serves a prefix ({@code {aggregateId: x}} on {@code {aggregateId, version}}) and ranges, which
 * a hash lookup cannot. A collection that opens with documents and an empty order (one kept in
 * memory, or a store written before the order was kept) rebuilds it ({@link #rebuildOrder}).
 */
final class OrderedUniqueIndex<P> extends Index<P> {

    private final Index<P> unique;
    private final OrderedIndex<P> order;

    private OrderedUniqueIndex(Index<P> unique, boolean sparse, OrderedEntries<P> entries) {
        super(unique.getName(), unique.getKeys(), sparse);
        this.unique = unique;
        this.order = new OrderedIndex<>(unique.getName(), unique.getKeys(), sparse, entries);
    }

    /**
     * {@code unique} with an order (its entries from {@code entries}) beside it when it is compound
     * (a prefix to scan), else itself.
     */
    static <P> Index<P> orderedIfCompound(Index<P> unique, boolean sparse, Supplier<OrderedEntries<P>> entries) {
        return unique.getKeys().size() > 1 ? new OrderedUniqueIndex<>(unique, sparse, entries.get()) : unique;
    }

    OrderedIndex<P> order() {
        return order;
    }

    /** Fills the order from the collection's documents, when it opened with some. */
    void rebuildOrder(Stream<DocumentWithPosition<P>> documents) {
        if (order.getCount() == 0) {
            documents.forEach(d -> order.add(d.getDocument(), d.getPosition(), null));
        }
    }

    @Override
    public boolean isUnique() {
        return true;
    }

    @Override
    public P getPosition(Document document) {
        return unique.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        unique.checkAdd(document, collection);
        order.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        unique.add(document, position, collection);
        order.add(document, position, collection);
    }

    @Override
    public P remove(Document document) {
        order.remove(document);
        return unique.remove(document);
    }

    @Override
    public boolean canHandle(Document query) {
        return unique.canHandle(query);
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        return unique.getPositions(query);
    }

    @Override
    public long getCount() {
        return unique.getCount();
    }

    @Override
    public long getDataSize() {
        return unique.getDataSize();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        unique.checkUpdate(oldDocument, newDocument, collection);
        order.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection)
        throws KeyConstraintError {
        unique.updateInPlace(oldDocument, newDocument, position, collection);
        order.updateInPlace(oldDocument, newDocument, position, collection);
    }

    @Override
    public void drop() {
        order.drop();
        unique.drop();
    }
}
