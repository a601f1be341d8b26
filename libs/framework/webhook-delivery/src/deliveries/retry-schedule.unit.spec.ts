import { defaultSchedule, nextDelay, parseSchedule } from './retry-schedule';

describe('parseSchedule', () => {
  it('reads the production default: 8 attempts, the first at once', () => {
    expect(parseSchedule(defaultSchedule)).toEqual([
      0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
  });

  it('reads milliseconds, bare numbers and fractions', () => {
    expect(parseSchedule('0, 50ms, 100, 1.5s')).toEqual([0, 50, 100, 1_500]);
  });

  it.each(['', '5 minutes', '5d', '-1s'])('refuses %j', (spec) => {
    expect(() => parseSchedule(spec)).toThrow();
  });
});

describe('nextDelay', () => {
  const schedule = [0, 1_000, 10_000];
  const base = { schedule, jitter: 0.2, maxRetryAfterMs: 60_000 };

  it('takes the wait before the given attempt, spread by at most the jitter', () => {
    expect(nextDelay({ ...base, attempt: 2, random: () => 0 })).toBe(800);
    expect(nextDelay({ ...base, attempt: 2, random: () => 0.5 })).toBe(1_000);
    expect(nextDelay({ ...base, attempt: 3, random: () => 0.999999 })).toBe(12_000);
  });

  it('has no further attempt after the schedule', () => {
    expect(nextDelay({ ...base, attempt: 4 })).toBeUndefined();
  });

  it('honours Retry-After as a minimum, up to the cap', () => {
    expect(nextDelay({ ...base, attempt: 2, random: () => 0.5, retryAfterMs: 30_000 })).toBe(
      30_000,
    );
    expect(nextDelay({ ...base, attempt: 2, random: () => 0.5, retryAfterMs: 500 })).toBe(1_000);
    expect(nextDelay({ ...base, attempt: 2, random: () => 0.5, retryAfterMs: 3_600_000 })).toBe(
      60_000,
    );
  });
});
