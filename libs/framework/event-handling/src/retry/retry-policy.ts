/** How hard `evh` tries one command before it parks the event. */
export interface RetryPolicy {
  /** Sends per command, the first included; at least 1. */
  readonly attempts: number;
  /** Ceiling of the first wait; doubles per retry. */
  readonly initialDelayMs: number;
  /** Ceiling of any wait, `Retry-After` included. */
  readonly maxDelayMs: number;
}

/** 46 to 92 s of retries (see `retryDelay`): rides out a `cmdh` restart, not an outage. */
export const defaultRetryPolicy: RetryPolicy = {
  attempts: 10,
  initialDelayMs: 250,
  maxDelayMs: 30_000,
};

/**
 * The wait before retry number `retry` (1 = first retry): exponential backoff with "equal
 * jitter", a random delay between half of and the whole `min(maxDelayMs, initialDelayMs *
 * 2^(retry-1))`. The random half spreads the consumers that failed together; the fixed half gives
 * the budget a floor, so the whole budget rides out an outage of at least half its ceilings'
 * sum (about 46 s by default) however the dice fall; with full jitter it could be spent in a few
 * seconds and a short cmdh outage would park events. A `Retry-After` from the target is honoured
 * when it asks for longer than that floor, capped at `maxDelayMs` so that no answer can stall a
 * partition for longer.
 *
 * @param random a source in [0, 1); injected so tests are deterministic.
 */
export function retryDelay(
  retry: number,
  policy: RetryPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(retry, 1) - 1, 30);
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
  const floor = Math.floor(ceiling / 2);
  if (retryAfterMs !== undefined) {
    return Math.min(Math.max(floor, retryAfterMs), policy.maxDelayMs);
  }
  return floor + Math.floor((ceiling - floor) * random());
}
