import { medianSpread, percentile, perSecond } from './stats';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);

    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
  });

  it('is NaN for no values', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('perSecond', () => {
  it('scales a count over milliseconds to a rate', () => {
    expect(perSecond(500, 250)).toBe(2000);
  });
});

describe('medianSpread', () => {
  it('prints the median with the min and max', () => {
    expect(medianSpread([3, 1.234, 2], 1)).toBe('2.0 (1.2-3.0)');
  });

  it('prints a dash for no figures or a missing one', () => {
    expect(medianSpread([], 0)).toBe('-');
    expect(medianSpread([1, NaN], 0)).toBe('-');
  });
});
