import { defineRoute, linkTo, withLinks } from '@cqrs/framework-core';
import {
  commandHeadersSchema,
  createCommandHeadersSchema,
  orderParamsSchema,
} from '../api/http-inputs';
import { orderResourceSchema } from '../api/order-resource';
import { cancelOrderBodySchema, placeOrderBodySchema } from '../api/request-bodies';
import {
  commandProblems,
  etagHeader,
  orderChanged,
  problem,
  refused,
  requestProblems,
  staleVersion,
} from './responses';
import { ordersServiceName } from '../service-name';
import { getOrderRoute, listOrderHistoryRoute } from './qryh-routes';
import { orderRejectionReasons as reasons } from '../aggregate/rejection-reasons';

const command = {
  service: ordersServiceName,
  app: 'cmdh',
  exposure: 'public',
  tags: ['orders'],
  auth: 'bearer',
} as const;

const placeOrder = defineRoute({
  ...command,
  method: 'post',
  path: '/orders',
  operationId: 'placeOrder',
  summary: 'Place an order',
  headers: createCommandHeadersSchema,
  body: placeOrderBodySchema,
  responses: {
    201: {
      description: 'Placed (or the first answer to this Idempotency-Key); payment is pending',
      body: orderResourceSchema,
      headers: { ...etagHeader, Location: 'URL of the new order' },
    },
    ...requestProblems,
    409: problem('Concurrent writes to this order kept winning; retry with the same key'),
    422: refused(reasons.customerUnknown, reasons.customerNotActive, reasons.totalTooLarge),
  },
});

/** `POST /orders/{id}/cancel`: cancel an order that is not paid (placed, or held from placed). */
export const cancelOrderRoute = defineRoute({
  ...command,
  method: 'post',
  path: '/orders/{id}/cancel',
  operationId: 'cancelOrder',
  summary: 'Cancel an unpaid order',
  params: orderParamsSchema,
  headers: commandHeadersSchema,
  body: cancelOrderBodySchema,
  responses: {
    200: orderChanged('Cancelled'),
    ...commandProblems,
    412: staleVersion,
    422: refused(reasons.alreadyPaid, reasons.orderClosed),
  },
});

/** `POST /orders/{id}/ship`: ship a paid order. */
export const shipOrderRoute = defineRoute({
  ...command,
  method: 'post',
  path: '/orders/{id}/ship',
  operationId: 'shipOrder',
  summary: 'Ship a paid order',
  params: orderParamsSchema,
  headers: commandHeadersSchema,
  responses: {
    200: orderChanged('Shipped'),
    ...commandProblems,
    412: staleVersion,
    422: refused(reasons.notPaid, reasons.onHold, reasons.orderClosed),
  },
});

// OpenAPI links from a new order to what can be done with it; commands carry its ETag as
// If-Match, as a careful client would.
const theOrder = { 'path.id': '$response.body#/id' } as const;
const theOrderAsIs = { ...theOrder, 'header.if-match': '$response.header.ETag' } as const;

/** `POST /orders`: place an order for an active customer; it waits for payment. */
export const placeOrderRoute = withLinks(placeOrder, 201, {
  GetOrder: linkTo(getOrderRoute, theOrder),
  ListOrderHistory: linkTo(listOrderHistoryRoute, theOrder),
  CancelOrder: linkTo(cancelOrderRoute, theOrderAsIs),
  ShipOrder: linkTo(shipOrderRoute, theOrderAsIs),
});
