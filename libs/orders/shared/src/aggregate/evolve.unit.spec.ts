import type { OrderEvent } from '../events/order-events';
import { orderEventSchema, parseOrderEvent } from '../events/order-events';
import {
  at,
  customerId,
  given,
  historyIn,
  orderId,
  orderIn,
  orderSituations,
  placedEvent,
} from '../testing/order-fixtures';
import { orderAggregate } from './order-aggregate';

const iso = (minute: number) => at(minute).toISOString();
const base = { orderId, customerId, occurredAt: iso(5) };

describe('Order', () => {
  describe('when placed', () => {
    it('refuses a second placement as impossible', () => {
      // Act
      const act = () => orderAggregate.evolve(orderIn('placed'), placedEvent);

      // Assert
      expect(act).toThrow(/already exists/);
    });

    it('refuses an event of another order as impossible', () => {
      // Act
      const act = () =>
        orderAggregate.evolve(orderIn('placed'), {
          ...base,
          type: 'order.shipped.v1',
          orderId: 'o-2',
        });

      // Assert
      expect(act).toThrow(/o-2/);
    });

    it.each<[string, OrderEvent]>([
      ['shipped', { ...base, type: 'order.shipped.v1' }],
      ['released', { ...base, type: 'order.released.v1', releasedTo: 'placed' }],
      [
        'put on hold from paid',
        { ...base, type: 'order.put_on_hold.v1', reason: 'x', heldFrom: 'paid' },
      ],
    ])('refuses being %s as impossible', (_what, event) => {
      // Act
      const act = () => orderAggregate.evolve(orderIn('placed'), event);

      // Assert
      expect(act).toThrow(/Cannot apply/);
    });

    it('changes only what the event says and leaves the input state untouched', () => {
      // Arrange
      const before = orderIn('placed');
      const copy = structuredClone(before);

      // Act
      const after = orderAggregate.evolve(before, {
        ...base,
        type: 'order.paid.v1',
        reference: 'r',
      });

      // Assert
      expect(after).toEqual({
        ...before,
        status: 'paid',
        payment: { reference: 'r', failureReason: null },
        updatedAt: at(5),
      });
      expect(before).toEqual(copy);
    });
  });

  describe('when not placed', () => {
    it('refuses any other event as impossible', () => {
      // Act
      const act = () => given(historyIn('paid').slice(1));

      // Assert
      expect(act).toThrow(/does not exist/);
    });
  });

  describe('when on hold', () => {
    it('refuses a release to another status than it was held from', () => {
      // Act
      const act = () =>
        orderAggregate.evolve(orderIn('on_hold from paid'), {
          ...base,
          type: 'order.released.v1',
          releasedTo: 'placed',
        });

      // Assert
      expect(act).toThrow(/held from paid/);
    });

    it('refuses a cancellation of an order held from paid', () => {
      // Act
      const act = () =>
        orderAggregate.evolve(orderIn('on_hold from paid'), {
          ...base,
          type: 'order.cancelled.v1',
          reason: 'x',
        });

      // Assert
      expect(act).toThrow(/on hold from paid/);
    });
  });

  describe('when its events are stored and read back', () => {
    it.each(orderSituations)(
      'rebuilds the same %s state from the stored type + data',
      (situation) => {
        // Arrange: what the command handler stores (`data` = the event without its `type`),
        // after a JSON round trip as on Kafka.
        const stored = historyIn(situation).map(
          ({ type, ...data }) =>
            JSON.parse(JSON.stringify({ type, data })) as { type: string; data: unknown },
        );

        // Act
        const rebuilt = given(stored.map(parseOrderEvent));

        // Assert
        expect(rebuilt).toEqual(orderIn(situation));
      },
    );

    it('refuses a stored event of an unknown type', () => {
      // Act
      const act = () =>
        parseOrderEvent({ type: 'order.refunded.v1', data: { orderId, customerId } });

      // Assert
      expect(act).toThrow();
    });

    it('validates every fixture event against the published schema', () => {
      // Act
      const results = orderSituations
        .flatMap(historyIn)
        .map((event) => orderEventSchema.safeParse(event).success);

      // Assert
      expect(results.every(Boolean)).toBe(true);
    });
  });
});
