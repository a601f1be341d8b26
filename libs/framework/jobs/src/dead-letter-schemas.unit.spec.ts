import { z } from 'zod';
import {
  discardBodySchema,
  timeWindowShape,
  windowCondition,
  windowInOrder,
} from './dead-letter-schemas';

describe('dead-letter schemas', () => {
  const window = z.strictObject(timeWindowShape('parked')).refine(windowInOrder);

  it('accepts a window in order, either end open, and refuses one that ends before it starts', () => {
    expect(
      window.safeParse({ from: '2026-03-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }).success,
    ).toBe(true);
    expect(window.safeParse({ to: '2026-03-01T00:00:00Z' }).success).toBe(true);
    expect(
      window.safeParse({ from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }).success,
    ).toBe(false);
    expect(window.safeParse({ from: 'yesterday' }).success).toBe(false);
  });

  it('turns a window into a date range, and no window into none', () => {
    expect(windowCondition({ from: '2026-03-01T00:00:00Z' })).toEqual({
      $gte: new Date('2026-03-01T00:00:00Z'),
    });
    expect(
      windowCondition({ from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00+01:00' }),
    ).toEqual({
      $gte: new Date('2026-03-01T00:00:00Z'),
      $lte: new Date('2026-03-01T23:00:00Z'),
    });
    expect(windowCondition({})).toBeUndefined();
  });

  it('wants a reason to discard: trimmed, not blank, nothing else', () => {
    expect(discardBodySchema.parse({ reason: '  duplicate  ' })).toEqual({ reason: 'duplicate' });
    expect(discardBodySchema.safeParse({ reason: ' ' }).success).toBe(false);
    expect(discardBodySchema.safeParse({}).success).toBe(false);
    expect(discardBodySchema.safeParse({ reason: 'x', by: 'me' }).success).toBe(false);
  });
});
