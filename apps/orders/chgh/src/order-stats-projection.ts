import type { Db } from 'mongodb';
import type { VersionedDocument } from '@cqrs/framework-command-handling';
import type { Projection } from '@cqrs/framework-change-handling';
import type { OrderDocument, OrderStats } from '@cqrs/orders-shared';
import {
  applyOrderChange,
  fromOrderDocument,
  orderStatsCollection,
  orderStatsReadModel,
  orderStatsSchema,
} from '@cqrs/orders-shared';

/**
 * The `order_stats` read model (one document per customer) from the `orders` change stream.
 *
 * Each batch is applied in commit order: per customer the stats are loaded once, every order
 * change of the batch goes through `applyOrderChange`, and the result is written back with a
 * plain `replaceOne` upsert. No version guard is needed on that write:
 * - only one replica follows the change stream at a time (the chgh lease), so nothing else
 *   writes `order_stats` concurrently;
 * - `applyOrderChange` records the order versions it has applied and ignores one it already
 *   holds, so a batch re-delivered after a crash or a lease hand-over changes nothing (and is
 *   not written at all).
 *
 * Rebuildable: the same projection into another `collection`, fed the current orders in `_id`
 * order and, meanwhile, the change stream; an older version of an order arriving after the scan
 * applied a newer one is ignored like a re-delivered one (`applyOrderChange`).
 */
export function orderStatsProjection(db: Db, collection = orderStatsCollection): Projection {
  const stats = db.collection<OrderStats>(collection);

  async function load(customerId: string): Promise<OrderStats | undefined> {
    const stored = await stats.findOne({ _id: customerId });
    // Validated: a hand-edited or incompatible document fails loudly instead of being counted on.
    return stored ? orderStatsSchema.parse(stored) : undefined;
  }

  async function apply(documents: readonly VersionedDocument[]): Promise<void> {
    const loaded = new Map<string, OrderStats | undefined>();
    const changed = new Map<string, OrderStats>();
    for (const document of documents) {
      const order = fromOrderDocument(document as OrderDocument);
      if (!loaded.has(order.customerId)) loaded.set(order.customerId, await load(order.customerId));
      const before = changed.get(order.customerId) ?? loaded.get(order.customerId);
      const after = applyOrderChange(before, order, document.version);
      if (after !== before) changed.set(order.customerId, after);
    }
    for (const [customerId, next] of changed) {
      await stats.replaceOne({ _id: customerId }, next, { upsert: true });
    }
  }

  return {
    name: orderStatsReadModel,
    indexes: [],
    apply,
    rebuild: { collection, into: (target) => orderStatsProjection(db, target) },
  };
}
