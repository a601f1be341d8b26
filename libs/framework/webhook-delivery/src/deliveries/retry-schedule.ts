const units: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/**
 * Parses a schedule like `0,5s,5m,30m,2h,5h,10h,10h`: the wait before each attempt, the first
 * one included (so its length is the number of attempts). A bare number is milliseconds.
 *
 * @throws Error naming the first entry that is not a duration.
 */
export function parseSchedule(spec: string): readonly number[] {
  const entries = spec
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new Error('the schedule needs at least one attempt');
  return entries.map((entry) => {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(entry);
    if (!match) throw new Error(`"${entry}" is not a duration (e.g. 500ms, 5s, 5m, 2h)`);
    return Math.round(Number(match[1]) * (units[match[2] ?? 'ms'] ?? 1));
  });
}

/** The production default (DESIGN section 6): 8 attempts over about a day and a half. */
export const defaultSchedule = '0,5s,5m,30m,2h,5h,10h,10h';

/**
 * The wait before attempt number `attempt` (1-based; the first attempt is the delivery's own
 * due time) after the previous one failed: the schedule's entry spread by ±`jitter` (a
 * fraction), so that deliveries that failed together do not all come back together. A
 * `Retry-After` the receiver sent is honoured as a minimum, up to `maxRetryAfterMs`.
 * `undefined` when the schedule has no further attempt.
 */
export function nextDelay(options: {
  readonly schedule: readonly number[];
  readonly attempt: number;
  readonly jitter: number;
  readonly retryAfterMs?: number;
  readonly maxRetryAfterMs: number;
  readonly random?: () => number;
}): number | undefined {
  const base = options.schedule[options.attempt - 1];
  if (base === undefined) return undefined;
  const spread = base * options.jitter * (2 * (options.random ?? Math.random)() - 1);
  const delay = Math.max(0, Math.round(base + spread));
  const floor = Math.min(options.retryAfterMs ?? 0, options.maxRetryAfterMs);
  return Math.max(delay, floor);
}
