import { defineRoute, linkTo, nextPageLink, withLinks } from '@cqrs/framework-core';
import { customerHistoryPageSchema, customerHistoryQuerySchema } from '../api/customer-history';
import { customerResourceSchema } from '../api/customer-resource';
import { customerParamsSchema, readHeadersSchema } from '../api/http-inputs';
import { customerPageSchema, listCustomersQuerySchema } from '../api/list-customers';
import { requestProblems, etagHeader, problem } from './responses';
import { customersServiceName } from '../service-name';

const query = {
  service: customersServiceName,
  app: 'qryh',
  exposure: 'public',
  tags: ['customers'],
  auth: 'bearer',
} as const;

const customerNotFound = problem('No customer with this id');

/** `GET /customers/{id}`: one customer, conditional on `If-None-Match`. */
export const getCustomerRoute = defineRoute({
  ...query,
  method: 'get',
  path: '/customers/{id}',
  operationId: 'getCustomer',
  summary: 'Get a customer',
  params: customerParamsSchema,
  headers: readHeadersSchema,
  responses: {
    200: { description: 'The customer', body: customerResourceSchema, headers: etagHeader },
    304: { description: 'Not modified: If-None-Match names the current version' },
    ...requestProblems,
    404: customerNotFound,
  },
});

const listCustomers = defineRoute({
  ...query,
  method: 'get',
  path: '/customers',
  operationId: 'listCustomers',
  summary: 'List customers',
  query: listCustomersQuerySchema,
  responses: {
    200: { description: 'One page of customers', body: customerPageSchema },
    ...requestProblems,
    400: problem('Invalid filter, limit or cursor (reason invalid_cursor for a foreign cursor)'),
  },
});

/** `GET /customers`: customers by status and/or email, keyset-paged by id. */
export const listCustomersRoute = withLinks(listCustomers, 200, {
  NextPage: nextPageLink(listCustomers),
  GetCustomer: linkTo(getCustomerRoute, { 'path.id': '$response.body#/items/0/id' }),
});

const listCustomerHistory = defineRoute({
  ...query,
  method: 'get',
  path: '/customers/{id}/history',
  operationId: 'listCustomerHistory',
  summary: 'List the changes of a customer',
  params: customerParamsSchema,
  query: customerHistoryQuerySchema,
  responses: {
    200: {
      description: 'One page of versions: who, which command, and the JSON Patch',
      body: customerHistoryPageSchema,
    },
    ...requestProblems,
    400: problem('Invalid id, limit or cursor'),
    404: customerNotFound,
  },
});

/** `GET /customers/{id}/history`: the audit trail of one customer, oldest version first. */
export const listCustomerHistoryRoute = withLinks(listCustomerHistory, 200, {
  NextPage: nextPageLink(listCustomerHistory),
});
