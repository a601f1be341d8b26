import { defineRoute } from '@cqrs/framework-core';
import { customerOrdersChangedSchema } from '../api/customer-orders-changed';
import { customerStandingResourceSchema } from '../api/customer-standing-resource';
import {
  customerParamsSchema,
  internalCommandHeadersSchema,
  orderParamsSchema,
} from '../api/http-inputs';
import {
  holdCustomerOrdersBodySchema,
  paymentFailedBodySchema,
  paymentSucceededBodySchema,
  recordCustomerStandingBodySchema,
} from '../api/request-bodies';
import {
  commandProblems,
  orderChanged,
  problem,
  refused,
  requestProblems,
  roleRequired,
} from './responses';
import { ordersServiceName } from '../service-name';
import { orderRejectionReasons as reasons } from '../aggregate/rejection-reasons';

// Service-to-service commands (evh for customer events, extevh for payment webhooks). Never
// exposed by the gateway; the Idempotency-Key is derived from the event or webhook id.
const internal = {
  service: ordersServiceName,
  app: 'cmdh',
  exposure: 'internal',
  tags: ['orders'],
  auth: 'bearer',
  roles: ['service'],
  headers: internalCommandHeadersSchema,
} as const;

const internalProblems = { ...commandProblems, 403: roleRequired('service') } as const;

/** Problems of the routes that act on all of a customer's orders (no single order to miss). */
const customerOrdersProblems = {
  ...requestProblems,
  403: roleRequired('service'),
  409: problem('Concurrent writes to one of the orders kept winning; retry with the same key'),
} as const;

const customerOrdersChanged = (description: string) => ({
  description,
  body: customerOrdersChangedSchema,
});

/** A customer event changed the customer's standing (creates the standing on first use). */
export const recordCustomerStandingRoute = defineRoute({
  ...internal,
  method: 'post',
  path: '/internal/customer-standings/{customerId}',
  operationId: 'recordCustomerStanding',
  summary: "Record a customer's standing from a customer event",
  params: customerParamsSchema,
  body: recordCustomerStandingBodySchema,
  responses: {
    200: {
      description:
        'Recorded; or, for a customer version at or below the recorded one (an event already ' +
        'applied, redelivered or replayed late), the current standing with ' +
        '`Idempotent-Replayed: true`, so a late event is neither refused nor parked',
      body: customerStandingResourceSchema,
    },
    ...requestProblems,
    403: roleRequired('service'),
    409: problem('Concurrent writes to this standing kept winning; retry with the same key'),
  },
});

/** The customer was blocked: put every open (placed or paid) order of the customer on hold. */
export const holdCustomerOrdersRoute = defineRoute({
  ...internal,
  method: 'post',
  path: '/internal/customers/{customerId}/orders/hold',
  operationId: 'holdCustomerOrders',
  summary: "Put a customer's open orders on hold",
  params: customerParamsSchema,
  body: holdCustomerOrdersBodySchema,
  responses: {
    200: customerOrdersChanged('The orders put on hold, with their new versions'),
    ...customerOrdersProblems,
  },
});

/** The customer was unblocked: release every held order of the customer. */
export const releaseCustomerOrdersRoute = defineRoute({
  ...internal,
  method: 'post',
  path: '/internal/customers/{customerId}/orders/release',
  operationId: 'releaseCustomerOrders',
  summary: "Release a customer's orders on hold",
  params: customerParamsSchema,
  responses: {
    200: customerOrdersChanged('The orders released, each back where it was held from'),
    ...customerOrdersProblems,
  },
});

/** The payment provider took the money. */
export const recordPaymentSucceededRoute = defineRoute({
  ...internal,
  method: 'post',
  path: '/internal/orders/{id}/payment-succeeded',
  operationId: 'recordOrderPaymentSucceeded',
  summary: 'Record a successful payment',
  params: orderParamsSchema,
  body: paymentSucceededBodySchema,
  responses: {
    200: orderChanged('Paid (an order on hold stays held and is released as paid)'),
    ...internalProblems,
    422: refused(reasons.alreadyPaid, reasons.orderClosed),
  },
});

/** The payment provider gave up on the payment. */
export const recordPaymentFailedRoute = defineRoute({
  ...internal,
  method: 'post',
  path: '/internal/orders/{id}/payment-failed',
  operationId: 'recordOrderPaymentFailed',
  summary: 'Record a failed payment',
  params: orderParamsSchema,
  body: paymentFailedBodySchema,
  responses: {
    200: orderChanged('Payment failed; the order is closed'),
    ...internalProblems,
    422: refused(reasons.alreadyPaid, reasons.onHold, reasons.orderClosed),
  },
});
