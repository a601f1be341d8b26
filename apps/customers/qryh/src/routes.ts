import type { BoundRoute } from '@cqrs/framework-core';
import { bindRoute, etagOf, matchesIfNoneMatch } from '@cqrs/framework-core';
import {
  getCustomerRoute,
  listCustomerHistoryRoute,
  listCustomersRoute,
} from '@cqrs/customers-shared';
import type { CustomerQueries } from './customer-queries';

/** HTTP -> query -> response: each handler only maps, the queries do the reading. */
export function customerQueryRoutes(queries: CustomerQueries): BoundRoute[] {
  return [
    bindRoute(getCustomerRoute, async ({ params, headers }) => {
      const customer = await queries.getCustomer(params.id);
      const etag = { ETag: etagOf(customer.version) };
      if (matchesIfNoneMatch(headers['if-none-match'], customer.version)) {
        return { status: 304, headers: etag };
      }
      return { status: 200, body: customer, headers: etag };
    }),
    bindRoute(listCustomersRoute, async ({ query }) => ({
      status: 200,
      body: await queries.listCustomers(query),
    })),
    bindRoute(listCustomerHistoryRoute, async ({ params, query }) => ({
      status: 200,
      body: await queries.listHistory(params.id, query),
    })),
  ];
}
