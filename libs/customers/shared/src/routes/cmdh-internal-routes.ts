import { defineRoute } from '@cqrs/framework-core';
import {
  customerOrderParamsSchema,
  customerParamsSchema,
  internalCommandHeadersSchema,
} from '../api/http-inputs';
import { approveKycBodySchema, rejectKycBodySchema } from '../api/request-bodies';
import { commandProblems, customerChanged, refused, roleRequired } from './responses';
import { customersServiceName } from '../service-name';
import { customerRejectionReasons as reasons } from '../aggregate/rejection-reasons';

// Service-to-service commands (extevh for KYC webhooks, evh for orders events). Never exposed
// by the gateway; the Idempotency-Key is derived from the webhook or event id.
const internal = {
  service: customersServiceName,
  app: 'cmdh',
  exposure: 'internal',
  tags: ['customers'],
  auth: 'bearer',
  roles: ['service'],
  headers: internalCommandHeadersSchema,
} as const;

const internalProblems = { ...commandProblems, 403: roleRequired('service') } as const;

/** The KYC provider approved the customer. */
export const approveKycRoute = defineRoute({
  ...internal,
  method: 'post',
  path: '/internal/customers/{id}/kyc/approve',
  operationId: 'approveCustomerKyc',
  summary: 'Record a KYC approval',
  params: customerParamsSchema,
  body: approveKycBodySchema,
  responses: {
    200: customerChanged('Approved; the customer is active'),
    ...internalProblems,
    422: refused(reasons.notPendingKyc),
  },
});

/** The KYC provider rejected the customer. */
export const rejectKycRoute = defineRoute({
  ...internal,
  method: 'post',
  path: '/internal/customers/{id}/kyc/reject',
  operationId: 'rejectCustomerKyc',
  summary: 'Record a KYC rejection',
  params: customerParamsSchema,
  body: rejectKycBodySchema,
  responses: {
    200: customerChanged('Rejected'),
    ...internalProblems,
    422: refused(reasons.notPendingKyc),
  },
});

/** The orders service opened an order of the customer. */
export const recordOrderOpenedRoute = defineRoute({
  ...internal,
  method: 'post',
  path: '/internal/customers/{id}/orders/{orderId}/opened',
  operationId: 'recordCustomerOrderOpened',
  summary: 'Record that an order of the customer was opened',
  params: customerOrderParamsSchema,
  responses: {
    200: customerChanged('Recorded'),
    ...internalProblems,
    422: refused(reasons.orderAlreadyOpen),
  },
});

/** The orders service closed an order of the customer. */
export const recordOrderClosedRoute = defineRoute({
  ...internal,
  method: 'post',
  path: '/internal/customers/{id}/orders/{orderId}/closed',
  operationId: 'recordCustomerOrderClosed',
  summary: 'Record that an order of the customer was closed',
  params: customerOrderParamsSchema,
  responses: {
    200: customerChanged('Recorded'),
    ...internalProblems,
    422: refused(reasons.orderNotOpen),
  },
});
