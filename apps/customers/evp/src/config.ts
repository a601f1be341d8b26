import { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@cqrs/framework-core';
import { kafkaConfigShape } from '@cqrs/framework-kafka';
import { mongoConfigShape } from '@cqrs/framework-mongo';
import { customersEventsTopic } from '@cqrs/customers-shared';

/** customers-evp settings, parsed once from the environment. */
export const configSchema = baseConfigSchema.extend({
  ...mongoConfigShape('customers'),
  ...kafkaConfigShape,
  /** The public topic; only tests point it elsewhere, to stay apart from each other. */
  EVENTS_TOPIC: z.string().min(1).default(customersEventsTopic),
  /** Partitions of `customers.events.v1` when this app creates it (never changed afterwards). */
  EVENTS_TOPIC_PARTITIONS: z.coerce.number().int().positive().default(6),
  /** Publishing runs on one replica at a time, holding a lease this long. */
  LEASE_TTL_MS: z.coerce.number().int().positive().default(15_000),
  /** Most events sent to Kafka per change-stream batch. */
  PUBLISH_BATCH_SIZE: z.coerce.number().int().positive().default(500),
});

export type Config = z.output<typeof configSchema>;

export const loadConfig = (): Config => parseConfig(configSchema);
