import { z } from 'zod';
import { defaultRetryPolicy } from './retry/retry-policy';
import type { RetryPolicy } from './retry/retry-policy';

const positiveInt = z.coerce.number().int().positive();

/** The settings of an `evh`: its `cmdh`, the topic it consumes, its group and retry budget. */
export const evhConfigShape = (topic: string) => ({
  /** Base URL of the service's own `cmdh`, e.g. `http://customers-cmdh:8080`. */
  CMDH_URL: z.url({ protocol: /^https?$/ }),
  /** The JWT (role `service`) sent to `cmdh` with every command. */
  SERVICE_TOKEN: z.string().min(1),
  /** The other service's public topic. */
  EVENTS_TOPIC: z.string().min(1).default(topic),
  /** The consumer group shared by every replica; the SERVICE_NAME when absent. */
  CONSUMER_GROUP: z.string().min(1).optional(),
  /** Sends per command (the first included) before the event is parked. */
  RETRY_ATTEMPTS: positiveInt.default(defaultRetryPolicy.attempts),
  /** Ceiling of the first retry wait; doubles per retry. */
  RETRY_INITIAL_DELAY_MS: positiveInt.default(defaultRetryPolicy.initialDelayMs),
  /** Ceiling of any retry wait, `Retry-After` included. */
  RETRY_MAX_DELAY_MS: positiveInt.default(defaultRetryPolicy.maxDelayMs),
  /** Longest a command to `cmdh` may take. */
  COMMAND_TIMEOUT_MS: positiveInt.default(10_000),
});

/** The parsed settings of `evhConfigShape`. */
export interface EvhConfig {
  readonly CMDH_URL: string;
  readonly SERVICE_TOKEN: string;
  readonly EVENTS_TOPIC: string;
  readonly COMMAND_TIMEOUT_MS: number;
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
