import type { z } from 'zod';
import { changeHandlingConfigShape } from '@cqrs/framework-change-handling';
import { baseConfigSchema, parseConfig } from '@cqrs/framework-core';
import { mongoConfigShape } from '@cqrs/framework-mongo';
import { ordersService } from '@cqrs/orders-shared';

/** orders-chgh settings, parsed once from the environment. */
export const configSchema = baseConfigSchema.extend({
  ...mongoConfigShape(ordersService),
  ...changeHandlingConfigShape,
});

export type Config = z.output<typeof configSchema>;

export const loadConfig = (): Config => parseConfig(configSchema);
