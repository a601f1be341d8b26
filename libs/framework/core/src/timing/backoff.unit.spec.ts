import { backoffDelay } from './backoff';

const options = { initialMs: 100, maxMs: 1_000 };

describe('backoffDelay', () => {
  it('doubles with every attempt', () => {
    const full = () => 0.999999;

    const delays = [1, 2, 3, 4].map((attempt) => backoffDelay(attempt, options, full));

    expect(delays).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds the ceiling, however many attempts failed', () => {
    expect(backoffDelay(5, options, () => 0.999999)).toBe(1_000);
    expect(backoffDelay(10_000, options, () => 0.999999)).toBe(1_000);
  });

  it('jitters between half and all of the nominal delay', () => {
    expect(backoffDelay(3, options, () => 0)).toBe(200);
    expect(backoffDelay(3, options, () => 0.5)).toBe(300);
  });

  it('treats attempts below one as the first', () => {
    expect(backoffDelay(0, options, () => 0)).toBe(50);
  });
});
