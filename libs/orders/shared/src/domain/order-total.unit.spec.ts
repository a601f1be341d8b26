import { orderTotal } from './order-total';

describe('orderTotal', () => {
  it('sums quantity x unit price over the lines', () => {
    // Act
    const total = orderTotal([
      { sku: 'A', quantity: 3, unitPrice: 250 },
      { sku: 'B', quantity: 1, unitPrice: 99 },
    ]);

    // Assert
    expect(total).toBe(849);
  });

  it('is exact at MAX_SAFE_INTEGER and undefined one above it', () => {
    // Arrange
    const max = Number.MAX_SAFE_INTEGER;

    // Act
    const atMax = orderTotal([{ sku: 'A', quantity: 1, unitPrice: max }]);
    const above = orderTotal([
      { sku: 'A', quantity: 1, unitPrice: max },
      { sku: 'B', quantity: 1, unitPrice: 1 },
    ]);

    // Assert
    expect(atMax).toBe(max);
    expect(above).toBeUndefined();
  });

  it('is undefined for one line whose product alone exceeds the safe range', () => {
    // Arrange: 2^27 x (2^26 + 1) = 2^53 + 2^27, from two small factors.
    const lines = [{ sku: 'A', quantity: 2 ** 27, unitPrice: 2 ** 26 + 1 }];

    // Act
    const total = orderTotal(lines);

    // Assert
    expect(total).toBeUndefined();
  });
});
