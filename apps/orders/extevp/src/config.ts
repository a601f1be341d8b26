import type { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@cqrs/framework-core';
import { mongoConfigShape } from '@cqrs/framework-mongo';
import { deliveryConfigShape } from '@cqrs/framework-webhook-delivery';
import { ordersService } from '@cqrs/orders-shared';

/** orders-extevp settings, parsed once from the environment. */
export const configSchema = baseConfigSchema.extend({
  ...mongoConfigShape(ordersService),
  ...deliveryConfigShape,
});

export type Config = z.output<typeof configSchema>;

export const loadConfig = (): Config => parseConfig(configSchema);
