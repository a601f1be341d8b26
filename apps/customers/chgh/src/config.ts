import { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@cqrs/framework-core';
import { mongoConfigShape } from '@cqrs/framework-mongo';

/** customers-chgh settings, parsed once from the environment. */
export const configSchema = baseConfigSchema.extend({
  ...mongoConfigShape('customers'),
  /**
   * One replica at a time follows the change stream, holding a lease this long; a standby takes
   * over about one ttl after the holder dies, within a third of it after a clean stop.
   * At least 1 s: the leader renews, and steps down before expiry, at thirds of it.
   */
  LEASE_TTL_MS: z.coerce.number().int().min(1_000).default(15_000),
  /** Most changes recorded (and checkpointed) together. */
  BATCH_SIZE: z.coerce.number().int().positive().max(10_000).default(100),
});

export type Config = z.output<typeof configSchema>;

export const loadConfig = (): Config => parseConfig(configSchema);
