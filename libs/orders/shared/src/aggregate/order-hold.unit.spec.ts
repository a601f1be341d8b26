import type { OrderEvent } from '../events/order-events';
import {
  at,
  customerId,
  given,
  historyIn,
  orderId,
  orderIn,
  ordersService,
} from '../testing/order-fixtures';
import type { OrderSituation } from '../testing/order-fixtures';
import { orderAggregate } from './order-aggregate';

const context = { actor: ordersService, now: at(10) };

/** Decides `command` on `events` and returns the history with the accepted event appended. */
function decideOn(events: OrderEvent[], command: Parameters<typeof orderAggregate.decide>[1]) {
  const decision = orderAggregate.decide(given(events), command, context);
  if (decision.kind !== 'accepted') throw new Error(`refused: ${decision.reason}`);
  return [...events, decision.event];
}

const hold = { type: 'HoldOrder', orderId, reason: 'customer_blocked' } as const;
const release = { type: 'ReleaseOrder', orderId } as const;

describe('Order', () => {
  describe.each([
    ['placed', 'placed'],
    ['paid', 'paid'],
  ] as const)('when %s and put on hold', (situation: OrderSituation, heldFrom) => {
    const heldHistory = decideOn(historyIn(situation), hold);

    it(`is on hold from ${heldFrom} with the reason`, () => {
      // Act
      const state = given(heldHistory);

      // Assert
      expect(state).toMatchObject({ status: 'on_hold', heldFrom, holdReason: 'customer_blocked' });
      expect(heldHistory.at(-1)).toEqual({
        type: 'order.put_on_hold.v1',
        orderId,
        customerId,
        occurredAt: at(10).toISOString(),
        reason: 'customer_blocked',
        heldFrom,
      });
    });

    it(`returns to ${heldFrom} when released, with no hold left`, () => {
      // Act
      const released = decideOn(heldHistory, release);
      const state = given(released);

      // Assert
      expect(released.at(-1)).toMatchObject({ type: 'order.released.v1', releasedTo: heldFrom });
      expect(state).toMatchObject({ status: heldFrom, heldFrom: null, holdReason: null });
      expect(state).toEqual({ ...orderIn(situation), updatedAt: at(10) });
    });
  });

  describe('when on hold from placed and the payment succeeds', () => {
    it('stays on hold, records the payment and is released as paid, ready to ship', () => {
      // Arrange
      const history = historyIn('on_hold from placed');

      // Act
      const paid = decideOn(history, { type: 'RecordPaymentSucceeded', orderId, reference: 'p-9' });
      const released = decideOn(paid, release);
      const shipped = decideOn(released, { type: 'ShipOrder', orderId });

      // Assert
      expect(given(paid)).toMatchObject({
        status: 'on_hold',
        heldFrom: 'paid',
        payment: { reference: 'p-9', failureReason: null },
      });
      expect(given(released)?.status).toBe('paid');
      expect(given(shipped)?.status).toBe('shipped');
    });
  });

  describe('when on hold from placed and cancelled', () => {
    it('is cancelled with the reason and no hold left', () => {
      // Act
      const cancelled = decideOn(historyIn('on_hold from placed'), {
        type: 'CancelOrder',
        orderId,
        reason: 'customer gave up',
      });

      // Assert
      expect(given(cancelled)).toMatchObject({
        status: 'cancelled',
        cancelReason: 'customer gave up',
        heldFrom: null,
        holdReason: null,
      });
    });
  });
});
