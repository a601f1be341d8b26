import type { BoundRoute } from '@cqrs/framework-core';
import { bindRoute, etagOf, matchesIfNoneMatch } from '@cqrs/framework-core';
import {
  getCustomerOrderStatsRoute,
  getOrderRoute,
  listOrderHistoryRoute,
  listOrdersRoute,
} from '@cqrs/orders-shared';
import type { OrderQueries } from './order-queries';

/** HTTP -> query -> response: each handler only maps, the queries do the reading. */
export function orderQueryRoutes(queries: OrderQueries): BoundRoute[] {
  return [
    bindRoute(getOrderRoute, async ({ params, headers }) => {
      const order = await queries.getOrder(params.id);
      const etag = { ETag: etagOf(order.version) };
      if (matchesIfNoneMatch(headers['if-none-match'], order.version)) {
        return { status: 304, headers: etag };
      }
      return { status: 200, body: order, headers: etag };
    }),
    bindRoute(listOrdersRoute, async ({ query }) => ({
      status: 200,
      body: await queries.listOrders(query),
    })),
    bindRoute(listOrderHistoryRoute, async ({ params, query }) => ({
      status: 200,
      body: await queries.listHistory(params.id, query),
    })),
    bindRoute(getCustomerOrderStatsRoute, async ({ params }) => ({
      status: 200,
      body: await queries.getOrderStats(params.id),
    })),
  ];
}
