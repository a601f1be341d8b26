import type { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@cqrs/framework-core';
import { kafkaConfigShape } from '@cqrs/framework-kafka';
import { mongoConfigShape } from '@cqrs/framework-mongo';
import { customersService } from '@cqrs/customers-shared';
import { evhConfigShape } from '@cqrs/framework-event-handling';

/** customers-evh settings, parsed once from the environment. */
export const configSchema = baseConfigSchema.extend({
  ...mongoConfigShape(customersService),
  ...kafkaConfigShape,
  ...evhConfigShape(customersService),
});

export type Config = z.output<typeof configSchema>;

export const loadConfig = (): Config => parseConfig(configSchema);
