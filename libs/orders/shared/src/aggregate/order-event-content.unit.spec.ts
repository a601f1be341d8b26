import type { OrderCommand } from '../commands/order-commands';
import type { Order } from '../domain/order';
import { at, customerId, orderId, orderIn, ordersService } from '../testing/order-fixtures';
import { orderAggregate } from './order-aggregate';

const now = at(42);
const occurredAt = now.toISOString();

const decide = (state: Order, command: OrderCommand) =>
  orderAggregate.decide(state, command, { actor: ordersService, now });

describe('Order', () => {
  describe('when placed', () => {
    const state = orderIn('placed');

    it('records a successful payment with the provider reference', () => {
      // Act
      const decision = decide(state, { type: 'RecordPaymentSucceeded', orderId, reference: 'p-1' });

      // Assert
      expect(decision).toEqual({
        kind: 'accepted',
        event: { type: 'order.paid.v1', orderId, customerId, occurredAt, reference: 'p-1' },
      });
    });

    it('records a failed payment with its reason in the payment', () => {
      // Arrange
      const decision = decide(state, { type: 'RecordPaymentFailed', orderId, reason: 'expired' });
      if (decision.kind !== 'accepted') throw new Error('refused');

      // Act
      const after = orderAggregate.evolve(state, decision.event);

      // Assert
      expect(decision.event).toEqual({
        type: 'order.payment_failed.v1',
        orderId,
        customerId,
        occurredAt,
        reason: 'expired',
      });
      expect(after.payment).toEqual({ reference: null, failureReason: 'expired' });
    });

    it('cancels with the given reason', () => {
      // Act
      const decision = decide(state, { type: 'CancelOrder', orderId, reason: 'duplicate' });

      // Assert
      expect(decision).toEqual({
        kind: 'accepted',
        event: { type: 'order.cancelled.v1', orderId, customerId, occurredAt, reason: 'duplicate' },
      });
    });

    it('cancels an unpaid order with reason payment_timeout', () => {
      // Arrange
      const decision = decide(state, { type: 'CancelUnpaidOrder', orderId });
      if (decision.kind !== 'accepted') throw new Error('refused');

      // Act
      const after = orderAggregate.evolve(state, decision.event);

      // Assert
      expect(decision.event).toMatchObject({
        type: 'order.cancelled.v1',
        reason: 'payment_timeout',
      });
      expect(after).toMatchObject({ status: 'cancelled', cancelReason: 'payment_timeout' });
    });
  });

  describe('when paid', () => {
    it('ships, keeping the payment reference', () => {
      // Arrange
      const state = orderIn('paid');
      const decision = decide(state, { type: 'ShipOrder', orderId });
      if (decision.kind !== 'accepted') throw new Error('refused');

      // Act
      const after = orderAggregate.evolve(state, decision.event);

      // Assert
      expect(decision.event).toEqual({ type: 'order.shipped.v1', orderId, customerId, occurredAt });
      expect(after).toMatchObject({
        status: 'shipped',
        payment: { reference: 'pay-42' },
        updatedAt: now,
      });
    });
  });
});
