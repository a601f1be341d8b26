import type { z } from 'zod';
import { etagHeader, problem, requestProblems } from '@cqrs/framework-core';

// Like the core builders, these return their literal shapes so that `defineRoute` keeps each
// response's body schema.

/** The 412 of commands that honour `If-Match`. */
export const staleVersion = problem(
  'If-Match names an older version than the current one (reason stale_version)',
);

/** The reason of a 422 every command can give: its Idempotency-Key named another request. */
export const idempotencyKeyReused = 'idempotency_key_reused';

/** The 422 of a command that refuses nothing but a reused Idempotency-Key (e.g. a create). */
export const keyReused = {
  description: `The Idempotency-Key was used for a different request (reason ${idempotencyKeyReused})`,
  reasons: [idempotencyKeyReused],
};

/**
 * The responses of the commands on one aggregate, e.g.
 * `commandResponses('customer', schema, customerRejectionReasons)`: the success with the
 * aggregate's resource and ETag, the errors every command on an existing aggregate can answer,
 * and the 422 of its domain refusals, whose reasons come from the domain's own enum.
 */
export function commandResponses<const B extends z.ZodType, const R extends string>(
  aggregate: string,
  resource: B,
  // The domain's enum of refusal reasons: it types what `refused` takes.
  _reasons: Readonly<Record<string, R>>,
) {
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
    refused: (...reasons: readonly R[]) => ({
      description: `Refused by the ${aggregate}'s rules (reason ${[...reasons, idempotencyKeyReused].join(', ')})`,
      reasons: [...reasons, idempotencyKeyReused],
    }),
  } as const;
}
