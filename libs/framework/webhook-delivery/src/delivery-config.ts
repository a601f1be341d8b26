import { z } from 'zod';
import type { BaseConfig } from '@cqrs/framework-core';
import type { ChangeStreamConfig, MongoConfig } from '@cqrs/framework-mongo';
import { changeStreamConfigShape } from '@cqrs/framework-mongo';
import { defaultSchedule, parseSchedule } from './deliveries/retry-schedule';
import type { NetworkList } from './ssrf/address-policy';
import { parseNetworkList } from './ssrf/address-policy';

const positiveInt = z.coerce.number().int().positive();

/** A setting parsed by `parse`, whose error message becomes the config problem. */
const parsed = <T>(parse: (text: string) => T, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, context) => {
      try {
        return parse(text);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });

/** Settings of an `extevp` app beyond Mongo, to spread into its config schema. */
export const deliveryConfigShape = {
  /** The fan-out (change stream -> deliveries) runs on one replica, holding a lease this long. */
  LEASE_TTL_MS: z.coerce.number().int().min(1_000).default(15_000),
  /** Most changes turned into deliveries (and checkpointed) together. */
  FANOUT_BATCH_SIZE: positiveInt.max(10_000).default(200),
  ...changeStreamConfigShape,
  /** Wait before each attempt, the first included: its length is the number of attempts. */
  WEBHOOK_SCHEDULE: parsed(parseSchedule, defaultSchedule),
  /** Spread of each wait, as a fraction: 0.2 is ±20 %. */
  WEBHOOK_JITTER: z.coerce.number().min(0).max(1).default(0.2),
  /** Longest one attempt may take, connect to last byte. */
  WEBHOOK_TIMEOUT_MS: positiveInt.default(15_000),
  /** How long a claimed delivery stays hidden from other dispatchers; more than the timeout. */
  WEBHOOK_CLAIM_VISIBILITY_MS: positiveInt.default(60_000),
  WEBHOOK_MAX_IN_FLIGHT: positiveInt.default(64),
  /** Attempts in flight per subscription: how many slots one slow endpoint can hold. */
  WEBHOOK_MAX_IN_FLIGHT_PER_SUBSCRIPTION: positiveInt.default(4),
  /** How often an idle dispatcher looks for due deliveries. */
  WEBHOOK_POLL_INTERVAL_MS: positiveInt.default(250),
  /** A subscription whose every attempt failed for this long is disabled (default 5 days). */
  WEBHOOK_DISABLE_AFTER_MS: positiveInt.default(5 * 24 * 3_600_000),
  /** The longest `Retry-After` honoured. */
  WEBHOOK_MAX_RETRY_AFTER_MS: positiveInt.default(10 * 3_600_000),
  /** How long a rotated-out secret keeps signing, unless the rotation says otherwise. */
  WEBHOOK_SECRET_GRACE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(24 * 3_600_000),
  /** Bytes of each response body kept in the attempt log. */
  WEBHOOK_RESPONSE_SNIPPET_BYTES: z.coerce.number().int().min(0).max(65_536).default(1_024),
  /**
   * Non-public networks that may be targets anyway, CIDRs comma-separated (e.g. a partner on a
   * private link; `127.0.0.0/8,::1` for local development). Empty: public addresses only.
   */
  WEBHOOK_ALLOWED_NETWORKS: parsed(parseNetworkList, ''),
  /** Networks reachable over plain http (local development only). Empty: https everywhere. */
  WEBHOOK_PLAIN_HTTP_NETWORKS: parsed(parseNetworkList, ''),
};

export type DeliveryConfig = BaseConfig &
  MongoConfig &
  ChangeStreamConfig & {
    readonly LEASE_TTL_MS: number;
    readonly FANOUT_BATCH_SIZE: number;
    readonly WEBHOOK_SCHEDULE: readonly number[];
    readonly WEBHOOK_JITTER: number;
    readonly WEBHOOK_TIMEOUT_MS: number;
    readonly WEBHOOK_CLAIM_VISIBILITY_MS: number;
    readonly WEBHOOK_MAX_IN_FLIGHT: number;
    readonly WEBHOOK_MAX_IN_FLIGHT_PER_SUBSCRIPTION: number;
    readonly WEBHOOK_POLL_INTERVAL_MS: number;
    readonly WEBHOOK_DISABLE_AFTER_MS: number;
    readonly WEBHOOK_MAX_RETRY_AFTER_MS: number;
    readonly WEBHOOK_SECRET_GRACE_MS: number;
    readonly WEBHOOK_RESPONSE_SNIPPET_BYTES: number;
    readonly WEBHOOK_ALLOWED_NETWORKS: NetworkList;
    readonly WEBHOOK_PLAIN_HTTP_NETWORKS: NetworkList;
  };
