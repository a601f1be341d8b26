import { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@cqrs/framework-core';
import { mongoConfigShape } from '@cqrs/framework-mongo';
import { ordersService } from '@cqrs/orders-shared';

/** orders-cmdh settings, parsed once from the environment. */
export const configSchema = baseConfigSchema.extend({
  ...mongoConfigShape(ordersService),
  /** An order still `placed` (unpaid) after this long is cancelled, reason `payment_timeout` (default 24 h). */
  UNPAID_ORDER_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 3600 * 1000),
  /** How often the unpaid-order job looks for overdue orders. */
  UNPAID_ORDER_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  /** The job runs on one replica at a time, holding a lease this long. */
  UNPAID_ORDER_LEASE_TTL_MS: z.coerce.number().int().positive().default(15_000),
});

export type Config = z.output<typeof configSchema>;

export const loadConfig = (): Config => parseConfig(configSchema);
