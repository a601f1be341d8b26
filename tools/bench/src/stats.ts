/** The p-th percentile (0..100) of `values`, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const perSecond = (count: number, ms: number) => Math.round((count * 1000) / ms);

/**
 * `median (min-max)` of `values` to `digits` decimals, as every side-by-side table prints a
 * figure of several rounds; `-` when there is none or one is NaN.
 */
export function medianSpread(values: readonly number[], digits: number): string {
  if (values.length === 0 || values.some(Number.isNaN)) return '-';
  const fixed = (value: number) => value.toFixed(digits);
  return `${fixed(percentile(values, 50))} (${fixed(Math.min(...values))}-${fixed(Math.max(...values))})`;
}
