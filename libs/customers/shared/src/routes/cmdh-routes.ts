import { defineRoute, linkTo, withLinks } from '@cqrs/framework-core';
import { customerResourceSchema } from '../api/customer-resource';
import {
  commandHeadersSchema,
  createCommandHeadersSchema,
  customerParamsSchema,
} from '../api/http-inputs';
import {
  blockCustomerBodySchema,
  registerCustomerBodySchema,
  updateContactDetailsBodySchema,
} from '../api/request-bodies';
import {
  requestProblems,
  commandProblems,
  customerChanged,
  keyReused,
  etagHeader,
  problem,
  refused,
  staleVersion,
} from './responses';
import { customersServiceName } from '../service-name';
import { getCustomerRoute, listCustomerHistoryRoute } from './qryh-routes';
import { customerRejectionReasons as reasons } from '../aggregate/rejection-reasons';

const command = {
  service: customersServiceName,
  app: 'cmdh',
  exposure: 'public',
  tags: ['customers'],
  auth: 'bearer',
} as const;

const registerCustomer = defineRoute({
  ...command,
  method: 'post',
  path: '/customers',
  operationId: 'registerCustomer',
  summary: 'Register a customer',
  headers: createCommandHeadersSchema,
  body: registerCustomerBodySchema,
  responses: {
    201: {
      description: 'Registered (or the first answer to this Idempotency-Key); KYC is pending',
      body: customerResourceSchema,
      headers: { ...etagHeader, Location: 'URL of the new customer' },
    },
    ...requestProblems,
    409: problem('Another customer already has this email address'),
    422: keyReused,
  },
});

/** `PATCH /customers/{id}`: change name, email and/or phone. */
export const updateContactDetailsRoute = defineRoute({
  ...command,
  method: 'patch',
  path: '/customers/{id}',
  operationId: 'updateCustomerContactDetails',
  summary: 'Update contact details of a customer',
  params: customerParamsSchema,
  headers: commandHeadersSchema,
  body: updateContactDetailsBodySchema,
  responses: {
    200: customerChanged('Updated'),
    ...commandProblems,
    409: problem('Another customer has this email, or concurrent writes kept winning'),
    412: staleVersion,
    422: refused(reasons.alreadyClosed, reasons.kycRejected, reasons.noChange),
  },
});

/** `POST /customers/{id}/block`: risk blocks an active customer. */
export const blockCustomerRoute = defineRoute({
  ...command,
  method: 'post',
  path: '/customers/{id}/block',
  operationId: 'blockCustomer',
  summary: 'Block a customer (risk only)',
  params: customerParamsSchema,
  headers: commandHeadersSchema,
  body: blockCustomerBodySchema,
  responses: {
    200: customerChanged('Blocked; the customer may not place orders'),
    ...commandProblems,
    403: problem('Only an actor with the risk role may block (reason risk_role_required)'),
    412: staleVersion,
    422: refused(reasons.notActive, reasons.alreadyBlocked, reasons.alreadyClosed),
  },
});

/** `POST /customers/{id}/unblock`: risk lifts a block; the customer is active again. */
export const unblockCustomerRoute = defineRoute({
  ...command,
  method: 'post',
  path: '/customers/{id}/unblock',
  operationId: 'unblockCustomer',
  summary: 'Unblock a customer (risk only)',
  params: customerParamsSchema,
  headers: commandHeadersSchema,
  responses: {
    200: customerChanged('Unblocked; the customer is active'),
    ...commandProblems,
    403: problem('Only an actor with the risk role may unblock (reason risk_role_required)'),
    412: staleVersion,
    422: refused(reasons.notBlocked, reasons.alreadyClosed),
  },
});

/** `POST /customers/{id}/close`: end the relationship; refused while orders are open. */
export const closeCustomerRoute = defineRoute({
  ...command,
  method: 'post',
  path: '/customers/{id}/close',
  operationId: 'closeCustomer',
  summary: 'Close a customer',
  params: customerParamsSchema,
  headers: commandHeadersSchema,
  responses: {
    200: customerChanged('Closed'),
    ...commandProblems,
    412: staleVersion,
    422: refused(reasons.openOrders, reasons.notActive, reasons.alreadyClosed),
  },
});

// OpenAPI links from a new customer to what can be done with it; commands carry its ETag as
// If-Match, as a careful client would.
const theCustomer = { 'path.id': '$response.body#/id' } as const;
const theCustomerAsIs = { ...theCustomer, 'header.if-match': '$response.header.ETag' } as const;

/** `POST /customers`: register a customer; it starts in `pending_kyc`. */
export const registerCustomerRoute = withLinks(registerCustomer, 201, {
  GetCustomer: linkTo(getCustomerRoute, theCustomer),
  ListCustomerHistory: linkTo(listCustomerHistoryRoute, theCustomer),
  UpdateCustomerContactDetails: linkTo(updateContactDetailsRoute, theCustomerAsIs),
  BlockCustomer: linkTo(blockCustomerRoute, theCustomerAsIs),
  UnblockCustomer: linkTo(unblockCustomerRoute, theCustomerAsIs),
  CloseCustomer: linkTo(closeCustomerRoute, theCustomerAsIs),
});
