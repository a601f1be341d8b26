import { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@cqrs/framework-core';
import { mongoConfigShape } from '@cqrs/framework-mongo';
import { customersService } from '@cqrs/customers-shared';

/** customers-cmdh settings, parsed once from the environment. */
export const configSchema = baseConfigSchema.extend({
  ...mongoConfigShape(customersService),
  /** KYC still pending after this long is rejected with reason `kyc_expired` (default 7 days). */
  KYC_EXPIRE_AFTER_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24 * 3600 * 1000),
  /** How often the expiry job looks for overdue KYC. */
  KYC_EXPIRY_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  /** The job runs on one replica at a time, holding a lease this long. */
  KYC_EXPIRY_LEASE_TTL_MS: z.coerce.number().int().positive().default(15_000),
});

export type Config = z.output<typeof configSchema>;

export const loadConfig = (): Config => parseConfig(configSchema);
