import type { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@cqrs/framework-core';
import { mongoConfigShape } from '@cqrs/framework-mongo';
import { extevhConfigShape } from '@cqrs/framework-webhooks';
import { ordersService } from '@cqrs/orders-shared';

/** orders-extevh settings, parsed once from the environment. */
export const configSchema = baseConfigSchema.extend({
  ...mongoConfigShape(ordersService),
  ...extevhConfigShape,
});

export type Config = z.output<typeof configSchema>;

export const loadConfig = (): Config => parseConfig(configSchema);
