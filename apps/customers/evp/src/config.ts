import type { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@cqrs/framework-core';
import { publishingConfigShape } from '@cqrs/framework-event-publishing';
import { kafkaConfigShape } from '@cqrs/framework-kafka';
import { mongoConfigShape } from '@cqrs/framework-mongo';
import { customersService } from '@cqrs/customers-shared';

/** customers-evp settings, parsed once from the environment. */
export const configSchema = baseConfigSchema.extend({
  ...mongoConfigShape(customersService),
  ...kafkaConfigShape,
  ...publishingConfigShape(customersService),
});

export type Config = z.output<typeof configSchema>;

export const loadConfig = (): Config => parseConfig(configSchema);
