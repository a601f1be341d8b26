import type { Db, Filter } from 'mongodb';
import { AppError } from '@cqrs/framework-core';
import type { SortKey } from '@cqrs/framework-query-handling';
import { findPage } from '@cqrs/framework-query-handling';
import type {
  ListOrdersQuery,
  OrderDocument,
  OrderHistoryEntry,
  OrderHistoryQuery,
  OrderStats,
} from '@cqrs/orders-shared';
import {
  orderDocumentToResource,
  orderHistoryCollection,
  orderRejectionReasons,
  orderStatsCollection,
  ordersCollection,
  toOrderHistoryEntryResource,
  toOrderStatsResource,
} from '@cqrs/orders-shared';

/**
 * The state and version only: the write model's bookkeeping (`lastEvent`, and the replayable
 * command responses in `processedCommands`) is never read, let alone returned.
 */
const resourceProjection = { lastEvent: 0, processedCommands: 0 } as const;

/** By id: `customer_id`, `status_id` or `customer_status_id`, all ending in `_id`. */
const orderOrder: readonly SortKey[] = [{ field: '_id', direction: 1 }];

/** Version is unique per order (the audit trail's index), so it alone keys the pages. */
const historyOrder: readonly SortKey[] = [{ field: 'version', direction: 1 }];

const orderNotFound = () =>
  new AppError('not_found', 'No order with this id', {
    details: { reason: orderRejectionReasons.orderNotFound },
  });

/** The orders reads: one order, filtered lists, the audit trail and per-customer stats. */
export function createOrderQueries(deps: { db: Db }) {
  const orders = deps.db.collection<OrderDocument>(ordersCollection);
  const history = deps.db.collection<OrderHistoryEntry>(orderHistoryCollection);
  const stats = deps.db.collection<OrderStats>(orderStatsCollection);

  async function requireOrder(id: string): Promise<void> {
    const found = await orders.findOne({ _id: id }, { projection: { _id: 1 } });
    if (!found) throw orderNotFound();
  }

  return {
    /** The order `id`; `not_found` when there is none. */
    async getOrder(id: string) {
      const document = await orders.findOne({ _id: id }, { projection: resourceProjection });
      if (!document) throw orderNotFound();
      return orderDocumentToResource(document);
    },

    /** One page of orders matching every given filter, by id. */
    listOrders(query: ListOrdersQuery) {
      const filter: Filter<OrderDocument> = {};
      if (query.customerId !== undefined) filter.customerId = query.customerId;
      if (query.status !== undefined) filter.status = query.status;
      const page = { limit: query.limit, cursor: query.cursor, projection: resourceProjection };
      return findPage(orders, filter, orderOrder, page, orderDocumentToResource);
    },

    /** One page of the versions of order `id`, oldest first; `not_found` when there is none. */
    async listHistory(id: string, page: OrderHistoryQuery) {
      await requireOrder(id);
      return findPage(
        history,
        { aggregateId: id },
        historyOrder,
        page,
        toOrderHistoryEntryResource,
      );
    },

    /** The customer's order stats; zeros (and `updatedAt` null) when orders-chgh has none yet. */
    async getOrderStats(customerId: string) {
      const document = await stats.findOne({ _id: customerId });
      return toOrderStatsResource(customerId, document);
    },
  };
}

export type OrderQueries = ReturnType<typeof createOrderQueries>;
