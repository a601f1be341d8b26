import { defineRoute, linkTo, nextPageLink, withLinks } from '@cqrs/framework-core';
import { orderParamsSchema, orderStatsParamsSchema, readHeadersSchema } from '../api/http-inputs';
import { listOrdersQuerySchema, orderPageSchema } from '../api/list-orders';
import { orderHistoryPageSchema, orderHistoryQuerySchema } from '../api/order-history';
import { orderResourceSchema } from '../api/order-resource';
import { orderStatsResourceSchema } from '../api/order-stats-resource';
import { etagHeader, problem, requestProblems } from './responses';
import { ordersServiceName } from '../service-name';

const query = {
  service: ordersServiceName,
  app: 'qryh',
  exposure: 'public',
  tags: ['orders'],
  auth: 'bearer',
} as const;

const orderNotFound = problem('No order with this id');

/** `GET /orders/{id}`: one order, conditional on `If-None-Match`. */
export const getOrderRoute = defineRoute({
  ...query,
  method: 'get',
  path: '/orders/{id}',
  operationId: 'getOrder',
  summary: 'Get an order',
  params: orderParamsSchema,
  headers: readHeadersSchema,
  responses: {
    200: { description: 'The order', body: orderResourceSchema, headers: etagHeader },
    304: { description: 'Not modified: If-None-Match names the current version' },
    ...requestProblems,
    404: orderNotFound,
  },
});

const listOrders = defineRoute({
  ...query,
  method: 'get',
  path: '/orders',
  operationId: 'listOrders',
  summary: 'List orders',
  query: listOrdersQuerySchema,
  responses: {
    200: { description: 'One page of orders', body: orderPageSchema },
    ...requestProblems,
    400: problem('Invalid filter, limit or cursor (reason invalid_cursor for a foreign cursor)'),
  },
});

/** `GET /orders`: orders by customer and/or status, keyset-paged by id. */
export const listOrdersRoute = withLinks(listOrders, 200, {
  NextPage: nextPageLink(listOrders),
  GetOrder: linkTo(getOrderRoute, { 'path.id': '$response.body#/items/0/id' }),
});

const listOrderHistory = defineRoute({
  ...query,
  method: 'get',
  path: '/orders/{id}/history',
  operationId: 'listOrderHistory',
  summary: 'List the changes of an order',
  params: orderParamsSchema,
  query: orderHistoryQuerySchema,
  responses: {
    200: {
      description: 'One page of versions: who, which command, and the JSON Patch',
      body: orderHistoryPageSchema,
    },
    ...requestProblems,
    400: problem('Invalid id, limit or cursor'),
    404: orderNotFound,
  },
});

/** `GET /orders/{id}/history`: the audit trail of one order, oldest version first. */
export const listOrderHistoryRoute = withLinks(listOrderHistory, 200, {
  NextPage: nextPageLink(listOrderHistory),
});

/**
 * `GET /customers/{id}/order-stats`: the customer's orders counted and summed per status. Served
 * by orders-qryh from its own read model, though the path is under `/customers`.
 */
export const getCustomerOrderStatsRoute = defineRoute({
  ...query,
  tags: ['orders', 'customers'],
  method: 'get',
  path: '/customers/{id}/order-stats',
  operationId: 'getCustomerOrderStats',
  summary: "Get statistics of a customer's orders",
  params: orderStatsParamsSchema,
  responses: {
    200: {
      description: 'Count and totals per currency for each status; zeros for no orders',
      body: orderStatsResourceSchema,
    },
    ...requestProblems,
  },
});
