import { z } from 'zod';
import { ConfigError } from './config-error';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Parses the environment once, at start-up, with an app's config schema.
 *
 * Empty values count as unset: `FOO=` in a manifest or `.env` file then falls back to the
 * default (or fails as missing) instead of being validated as an empty string.
 *
 * @throws ConfigError with `z.prettifyError` output when the environment does not fit.
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  env: Environment = process.env,
): z.output<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(z.prettifyError(result.error), result.error.issues);
  }
  return result.data;
}
