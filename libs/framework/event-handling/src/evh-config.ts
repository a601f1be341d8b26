import { z } from 'zod';
import type { ServiceDeclaration } from '@cqrs/framework-core';
import type { CmdhClientConfig } from '@cqrs/framework-command-client';
import { cmdhClientConfigShape } from '@cqrs/framework-command-client';
import { defaultRetryPolicy } from './retry/retry-policy';
import type { RetryPolicy } from './retry/retry-policy';

const positiveInt = z.coerce.number().int().positive();

/** The settings of an `evh`: its `cmdh`, the topic it consumes, its group and retry budget. */
export const evhConfigShape = (service: Required<Pick<ServiceDeclaration, 'consumedTopic'>>) => ({
  ...cmdhClientConfigShape,
  /** The other service's public topic. */
  EVENTS_TOPIC: z.string().min(1).default(service.consumedTopic),
  /** The consumer group shared by every replica; the SERVICE_NAME when absent. */
  CONSUMER_GROUP: z.string().min(1).optional(),
  /** Sends per command (the first included) before the event is parked. */
  RETRY_ATTEMPTS: positiveInt.default(defaultRetryPolicy.attempts),
  /** Ceiling of the first retry wait; doubles per retry. */
  RETRY_INITIAL_DELAY_MS: positiveInt.default(defaultRetryPolicy.initialDelayMs),
  /** Ceiling of any retry wait, `Retry-After` included. */
  RETRY_MAX_DELAY_MS: positiveInt.default(defaultRetryPolicy.maxDelayMs),
});

/** The parsed settings of `evhConfigShape`. */
export interface EvhConfig extends CmdhClientConfig {
  readonly EVENTS_TOPIC: string;
  readonly CONSUMER_GROUP?: string | undefined;
  readonly RETRY_ATTEMPTS: number;
  readonly RETRY_INITIAL_DELAY_MS: number;
  readonly RETRY_MAX_DELAY_MS: number;
}

interface EvhSettings {
  readonly SERVICE_NAME: string;
  readonly CONSUMER_GROUP?: string | undefined;
  readonly RETRY_ATTEMPTS: number;
  readonly RETRY_INITIAL_DELAY_MS: number;
  readonly RETRY_MAX_DELAY_MS: number;
}

/** The consumer group: configured, or the app's name. */
export const consumerGroupOf = (config: EvhSettings): string =>
  config.CONSUMER_GROUP ?? config.SERVICE_NAME;

/** The retry budget per command. */
export const retryPolicyOf = (config: EvhSettings): RetryPolicy => ({
  attempts: config.RETRY_ATTEMPTS,
  initialDelayMs: config.RETRY_INITIAL_DELAY_MS,
  maxDelayMs: config.RETRY_MAX_DELAY_MS,
});
