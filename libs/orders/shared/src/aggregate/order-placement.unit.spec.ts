import type { Standing } from '../domain/customer-standing';
import type { OrderLine } from '../domain/order';
import {
  at,
  customerId,
  orderId,
  sampleLines,
  sampleTotal,
  shopper,
} from '../testing/order-fixtures';
import { orderAggregate } from './order-aggregate';

const place = (overrides: {
  lines?: OrderLine[];
  currency?: string;
  customerStanding?: Standing | null;
}) =>
  orderAggregate.decide(
    undefined,
    {
      type: 'PlaceOrder',
      orderId,
      customerId,
      lines: sampleLines,
      currency: 'EUR',
      customerStanding: 'active',
      ...overrides,
    },
    { actor: shopper, now: at(3) },
  );

describe('Order', () => {
  describe('when placed for an active customer', () => {
    it('carries the lines, the currency and the computed total at the decision time', () => {
      // Act
      const decision = place({});

      // Assert
      expect(decision).toEqual({
        kind: 'accepted',
        event: {
          type: 'order.placed.v1',
          orderId,
          customerId,
          occurredAt: at(3).toISOString(),
          lines: sampleLines,
          currency: 'EUR',
          total: sampleTotal,
        },
      });
    });

    it('starts placed, unpaid, not held and not cancelled', () => {
      // Arrange
      const decision = place({ currency: 'USD' });
      if (decision.kind !== 'accepted') throw new Error('refused');

      // Act
      const state = orderAggregate.evolve(undefined, decision.event);

      // Assert
      expect(state).toEqual({
        id: orderId,
        customerId,
        lines: sampleLines,
        currency: 'USD',
        total: sampleTotal,
        status: 'placed',
        heldFrom: null,
        holdReason: null,
        cancelReason: null,
        payment: { reference: null, failureReason: null },
        placedAt: at(3),
        updatedAt: at(3),
      });
    });

    it.each([
      ['free items', [{ sku: 'GIFT', quantity: 3, unitPrice: 0 }], 0],
      ['one line', [{ sku: 'A', quantity: 7, unitPrice: 3 }], 21],
      [
        'a total of exactly MAX_SAFE_INTEGER',
        [
          { sku: 'A', quantity: 1, unitPrice: Number.MAX_SAFE_INTEGER - 10 },
          { sku: 'B', quantity: 2, unitPrice: 5 },
        ],
        Number.MAX_SAFE_INTEGER,
      ],
    ])('totals %s exactly', (_what, lines, total) => {
      // Act
      const decision = place({ lines });

      // Assert
      expect(decision).toMatchObject({ kind: 'accepted', event: { total } });
    });
  });

  describe('when the total is beyond the safe integer range', () => {
    it.each([
      ['a single line', [{ sku: 'A', quantity: 2, unitPrice: Number.MAX_SAFE_INTEGER }]],
      [
        'the sum of lines that each fit',
        [
          { sku: 'A', quantity: 1, unitPrice: Number.MAX_SAFE_INTEGER },
          { sku: 'B', quantity: 1, unitPrice: 1 },
        ],
      ],
      [
        'many large lines',
        Array.from({ length: 100 }, (_, i) => ({
          sku: `S${i}`,
          quantity: 1_000_000,
          unitPrice: 1e11,
        })),
      ],
    ])('refuses %s (total_too_large)', (_what, lines) => {
      // Act
      const decision = place({ lines });

      // Assert
      expect(decision).toMatchObject({
        kind: 'rejected',
        code: 'rule_violated',
        reason: 'total_too_large',
      });
    });
  });

  describe('when the customer is not active', () => {
    it('refuses a customer orders has never heard of (customer_unknown)', () => {
      // Act
      const decision = place({ customerStanding: null });

      // Assert
      expect(decision).toMatchObject({
        kind: 'rejected',
        code: 'rule_violated',
        reason: 'customer_unknown',
      });
    });

    it.each(['pending_kyc', 'rejected', 'blocked', 'closed'] as const)(
      'refuses a %s customer (customer_not_active)',
      (standing) => {
        // Act
        const decision = place({ customerStanding: standing });

        // Assert
        expect(decision).toMatchObject({
          kind: 'rejected',
          code: 'rule_violated',
          reason: 'customer_not_active',
          message: expect.stringContaining(standing) as unknown,
        });
      },
    );
  });
});
