import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The settings every app has. Apps add their own keys with `baseConfigSchema.extend({...})`
 * (the JWT refinement below is kept by `extend`) and parse the result once with `parseConfig`.
 * Non-secret keys have defaults so that an app starts with nothing but `SERVICE_NAME` and one
 * JWT key source set.
 */
export const baseConfigSchema = z
  .object({
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
    LOG_LEVEL: z.enum(logLevels).default('info'),
    /** Human-readable logs (pino-pretty, a dev dependency): for local runs only. */
    LOG_PRETTY: z.stringbool().default(false),
    /** The deployable's name as it appears in logs and metrics, e.g. `customers-cmdh`. */
    SERVICE_NAME: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    /** Largest JSON request body accepted (bytes or a size such as `100kb`). */
    HTTP_BODY_LIMIT: z.string().min(1).default('100kb'),
    /** How long a SIGTERM may take before the process gives up and exits with 1. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10_000),
    /** Shared secret for HS256 tokens (local runs and tests). */
    JWT_HS256_SECRET: z.string().min(32).optional(),
    /** Key set of the identity provider for RS256/ES256 tokens (production). */
    JWT_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).optional(),
  })
  .refine(
    (config) => (config.JWT_HS256_SECRET === undefined) !== (config.JWT_JWKS_URL === undefined),
    {
      message: 'set exactly one of JWT_HS256_SECRET and JWT_JWKS_URL',
      path: ['JWT_HS256_SECRET'],
    },
  );

export type BaseConfig = z.output<typeof baseConfigSchema>;
