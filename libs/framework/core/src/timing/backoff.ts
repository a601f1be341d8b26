/** Exponential backoff settings: the first delay, and the ceiling it grows to. */
export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 500, maxMs: 30_000 };

/**
 * The delay before retry number `attempt` (1 = first retry): doubling from `initialMs` up to
 * `maxMs`, then randomised to between half and all of that ("equal jitter"), so replicas that
 * failed together do not retry in lock-step yet never retry sooner than half the nominal delay.
 *
 * @param random a source in [0, 1); injected so tests are deterministic.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = defaultBackoff,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const nominal = Math.min(options.maxMs, options.initialMs * 2 ** exponent);
  return Math.round(nominal / 2 + (nominal / 2) * random());
}
