import type { OrderLine } from './order';

const maxTotal = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The total of `lines` in minor units: the sum of quantity x unitPrice. Computed exactly (BigInt),
 * so a total beyond `Number.MAX_SAFE_INTEGER` is detected rather than rounded: the result is
 * `undefined` then, and `PlaceOrder` is refused (`total_too_large`).
 */
export function orderTotal(lines: readonly OrderLine[]): number | undefined {
  const total = lines.reduce(
    (sum, line) => sum + BigInt(line.quantity) * BigInt(line.unitPrice),
    0n,
  );
  return total <= maxTotal ? Number(total) : undefined;
}
