import { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@cqrs/framework-core';

/** customers-qryh settings, parsed once from the environment. */
export const configSchema = baseConfigSchema.extend({
  MONGO_URL: z.string().min(1),
  /** The database customers-cmdh writes and customers-chgh records the history in. */
  MONGO_DB: z.string().min(1).default('customers'),
});

export type Config = z.output<typeof configSchema>;

export const loadConfig = (): Config => parseConfig(configSchema);
