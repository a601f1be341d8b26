import type { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@cqrs/framework-core';
import { mongoConfigShape } from '@cqrs/framework-mongo';
import { extevhConfigShape } from '@cqrs/framework-webhooks';
import { customersService } from '@cqrs/customers-shared';

/** customers-extevh settings, parsed once from the environment. */
export const configSchema = baseConfigSchema.extend({
  ...mongoConfigShape(customersService),
  ...extevhConfigShape,
});

export type Config = z.output<typeof configSchema>;

export const loadConfig = (): Config => parseConfig(configSchema);
