import type { z } from 'zod';

/**
 * The environment does not satisfy an app's config schema. The message is zod's prettified
 * report (one line per problem, with the variable name), meant to be printed as is at start-up.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    message: string,
    /** The individual zod issues, for callers that want to render them differently. */
    readonly issues: readonly z.core.$ZodIssue[],
  ) {
    super(message);
  }
}
