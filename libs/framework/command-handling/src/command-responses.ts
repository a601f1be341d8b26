import type { z } from 'zod';
import { etagHeader, problem, requestProblems } from '@cqrs/framework-core';

// Like the core builders, these return their literal shapes so that `defineRoute` keeps each
// response's body schema.

/** The 412 of commands that honour `If-Match`. */
export const staleVersion = problem(
  'If-Match names an older version than the current one (reason stale_version)',
);

/**
 * The responses of the commands on one aggregate, e.g. `commandResponses('customer', schema)`:
 * the success with the aggregate's resource and ETag, the errors every command on an existing
 * aggregate can answer, and the 422 of its domain refusals.
 */
export function commandResponses<const B extends z.ZodType>(aggregate: string, resource: B) {
  return {
    /** A command's success: the aggregate after the change, with its new ETag. */
    changed: (description: string) => ({ description, body: resource, headers: etagHeader }),
    /** Errors every command on an existing aggregate can answer, besides its domain refusals. */
    commandProblems: {
      ...requestProblems,
      404: problem(`No ${aggregate} with this id (reason ${aggregate}_not_found)`),
      409: problem(`Concurrent writes to this ${aggregate} kept winning; retry with the same key`),
    },
    /** Domain refusals are 422 with a `reason`; every command also refuses a reused key so. */
    refused: (reasons: string) =>
      problem(`Refused by the ${aggregate}'s rules (reason ${reasons} or idempotency_key_reused)`),
  } as const;
}
