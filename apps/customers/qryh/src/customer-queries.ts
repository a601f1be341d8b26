import type { Db, Filter } from 'mongodb';
import { AppError } from '@cqrs/framework-core';
import type { SortKey } from '@cqrs/framework-query-handling';
import { findPage } from '@cqrs/framework-query-handling';
import type {
  CustomerDocument,
  CustomerHistoryEntry,
  CustomerHistoryQuery,
  ListCustomersQuery,
} from '@cqrs/customers-shared';
import {
  customerDocumentToResource,
  customerHistoryCollection,
  customerRejectionReasons,
  customersCollection,
  toCustomerHistoryEntryResource,
} from '@cqrs/customers-shared';

/**
 * The state and version only: the write model's bookkeeping (`lastEvent`, and up to 20 replayable
 * command responses in `processedCommands`) is never read, let alone returned.
 */
const resourceProjection = { lastEvent: 0, processedCommands: 0 } as const;

/** By id: the `_id` index alone, or `status_id` for `?status=` (email matches at most one). */
const customerOrder: readonly SortKey[] = [{ field: '_id', direction: 1 }];

/** Version is unique per customer (`aggregate_version` index), so it alone keys the pages. */
const historyOrder: readonly SortKey[] = [{ field: 'version', direction: 1 }];

const customerNotFound = () =>
  new AppError('not_found', 'No customer with this id', {
    details: { reason: customerRejectionReasons.customerNotFound },
  });

/** The customers reads: one customer, filtered lists and the audit trail, as API resources. */
export function createCustomerQueries(deps: { db: Db }) {
  const customers = deps.db.collection<CustomerDocument>(customersCollection);
  const history = deps.db.collection<CustomerHistoryEntry>(customerHistoryCollection);

  async function requireCustomer(id: string): Promise<void> {
    const found = await customers.findOne({ _id: id }, { projection: { _id: 1 } });
    if (!found) throw customerNotFound();
  }

  return {
    /** The customer `id`; `not_found` when there is none. */
    async getCustomer(id: string) {
      const document = await customers.findOne({ _id: id }, { projection: resourceProjection });
      if (!document) throw customerNotFound();
      return customerDocumentToResource(document);
    },

    /** One page of customers matching every given filter, by id. */
    listCustomers(query: ListCustomersQuery) {
      const filter: Filter<CustomerDocument> = {};
      if (query.status !== undefined) filter.status = query.status;
      if (query.email !== undefined) filter.email = query.email;
      const page = { limit: query.limit, cursor: query.cursor, projection: resourceProjection };
      return findPage(customers, filter, customerOrder, page, customerDocumentToResource);
    },

    /** One page of the versions of customer `id`, oldest first; `not_found` when there is none. */
    async listHistory(id: string, page: CustomerHistoryQuery) {
      await requireCustomer(id);
      return findPage(
        history,
        { aggregateId: id },
        historyOrder,
        page,
        toCustomerHistoryEntryResource,
      );
    },
  };
}

export type CustomerQueries = ReturnType<typeof createCustomerQueries>;
