/** How hard `evh` tries one command before it parks the event. */
export interface RetryPolicy {
  /** Sends per command, the first included; at least 1. */
  readonly attempts: number;
  /** Ceiling of the first wait; doubles per retry. */
  readonly initialDelayMs: number;
  /** Ceiling of any wait, `Retry-After` included. */
  readonly maxDelayMs: number;
}

/** About two minutes of retries: rides out a `cmdh` rollout, not a long outage. */
export const defaultRetryPolicy: RetryPolicy = {
  attempts: 10,
  initialDelayMs: 250,
  maxDelayMs: 30_000,
};

/**
 * The wait before retry number `retry` (1 = first retry): exponential backoff with "full
 * jitter", a random delay between 0 and `min(maxDelayMs, initialDelayMs * 2^(retry-1))`, which
 * spreads the consumers that failed together the most. A `Retry-After` from the target replaces
 * the random delay, capped at `maxDelayMs` so that no answer can stall a partition for longer.
 *
 * @param random a source in [0, 1); injected so tests are deterministic.
 */
export function retryDelay(
  retry: number,
  policy: RetryPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), policy.maxDelayMs);
  const exponent = Math.min(Math.max(retry, 1) - 1, 30);
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
  return Math.floor(ceiling * random());
}
