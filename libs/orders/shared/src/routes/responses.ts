import { orderResourceSchema } from '../api/order-resource';

/** The service every route here belongs to. */
export const ordersService = 'orders';

// Helpers return their literal shapes (no `RouteResponse` annotation) so that `defineRoute`
// keeps each response's body schema and handlers are typed from it.

/**
 * An error response: status and description only. Its body is always an RFC 9457 problem
 * (with a `reason` for domain refusals), which the OpenAPI generator adds by status.
 */
export const problem = (description: string) => ({ description });

/** Response headers of a route that returns one order. */
export const etagHeader = {
  ETag: 'Strong entity tag of the version returned, e.g. "3"',
} as const;

/** A command's success: the order after the change, with its new ETag. */
export const orderChanged = (description: string) => ({
  description,
  body: orderResourceSchema,
  headers: etagHeader,
});

/** Errors every bearer route with inputs can answer: invalid input, no valid token. */
export const requestProblems = {
  400: problem('Invalid path, query, headers or body; the problem lists each field'),
  401: problem('Missing, expired or invalid bearer token'),
} as const;

/** Errors every command on an existing order can answer, besides its domain refusals. */
export const commandProblems = {
  ...requestProblems,
  404: problem('No order with this id (reason order_not_found)'),
  409: problem('Concurrent writes to this order kept winning; retry with the same key'),
} as const;

/** The 412 of commands that honour `If-Match`. */
export const staleVersion = problem(
  'If-Match names an older version than the current one (reason stale_version)',
);

/** Domain refusals are 422 with a `reason`; every command also refuses a reused key so. */
export const refused = (reasons: string) =>
  problem(`Refused by the order's rules (reason ${reasons} or idempotency_key_reused)`);

/** The 403 of routes restricted to a role at the edge. */
export const roleRequired = (role: string) => problem(`The caller does not have the ${role} role`);
