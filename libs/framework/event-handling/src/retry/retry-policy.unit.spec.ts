import { defaultRetryPolicy, retryDelay } from './retry-policy';

const policy = { attempts: 10, initialDelayMs: 100, maxDelayMs: 1_000 };
const almostOne = 0.999_999;

describe('retryDelay', () => {
  it('doubles the ceiling per retry up to maxDelayMs', () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((retry) =>
      retryDelay(retry, policy, undefined, () => almostOne),
    );

    expect(ceilings).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('jitters over the upper half of the ceiling (equal jitter)', () => {
    expect(retryDelay(3, policy, undefined, () => 0)).toBe(200);
    expect(retryDelay(3, policy, undefined, () => 0.5)).toBe(300);
  });

  it('stays within [ceiling / 2, maxDelayMs] for any retry number and random value', () => {
    for (const retry of [0, 1, 2, 10, 31, 1_000]) {
      for (const random of [0, 0.25, 0.5, almostOne]) {
        const delay = retryDelay(retry, policy, undefined, () => random);
        expect(delay).toBeGreaterThanOrEqual(Math.min(50, policy.maxDelayMs / 2));
        expect(delay).toBeLessThan(policy.maxDelayMs);
      }
    }
  });

  it('spends the default budget over at least 45 s however the dice fall', () => {
    let total = 0;
    for (let retry = 1; retry < defaultRetryPolicy.attempts; retry++) {
      total += retryDelay(retry, defaultRetryPolicy, undefined, () => 0);
    }
    expect(total).toBeGreaterThanOrEqual(45_000);
  });

  it('waits as long as Retry-After asks beyond the floor, but never longer than maxDelayMs', () => {
    expect(retryDelay(1, policy, 700, () => 0)).toBe(700);
    expect(retryDelay(1, policy, 60_000, () => 0)).toBe(1_000);
    expect(retryDelay(1, policy, 0, () => almostOne)).toBe(50);
    expect(retryDelay(4, policy, 10, () => almostOne)).toBe(400);
  });

  it('has a default budget of several attempts within a bounded wait', () => {
    expect(defaultRetryPolicy.attempts).toBeGreaterThan(1);
    expect(defaultRetryPolicy.initialDelayMs).toBeLessThan(defaultRetryPolicy.maxDelayMs);
  });
});
