// Building blocks for the `responses` of route declarations (`defineRoute`), the same for every
// service. They return their literal shapes (no `RouteResponse` annotation) so that
// `defineRoute` keeps each response's body schema and handlers are typed from it.

/**
 * An error response: status and description only. Its body is always an RFC 9457 problem
 * (with a `reason` for domain refusals), which the OpenAPI generator adds by status.
 */
export const problem = (description: string) => ({ description });

/** Errors every bearer route with inputs can answer: invalid input, no valid token. */
export const requestProblems = {
  400: problem('Invalid path, query, headers or body; the problem lists each field'),
  401: problem('Missing, expired or invalid bearer token'),
} as const;

/** The 403 of routes restricted to a role at the edge. */
export const roleRequired = (role: string) => problem(`The caller does not have the ${role} role`);

/** Response headers of a route that returns one aggregate (see `etagOf`). */
export const etagHeader = {
  ETag: 'Strong entity tag of the version returned, e.g. "3"',
} as const;

/** `Customers` from `customers`, `OrderStats` from `order-stats`: for operation ids. */
export const pascalCase = (text: string): string =>
  text
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
