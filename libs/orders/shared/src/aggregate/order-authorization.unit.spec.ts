import type { Actor } from '@cqrs/framework-core';
import type { OrderCommandType } from '../commands/order-commands';
import type { OrderSituation } from '../testing/order-fixtures';
import { at, orderIn, sampleCommand, shopper } from '../testing/order-fixtures';
import { orderAggregate } from './order-aggregate';

const decideAs = (actor: Actor, situation: OrderSituation, type: OrderCommandType) =>
  orderAggregate.decide(orderIn(situation), sampleCommand(type), { actor, now: at(10) });

const forbidden = { kind: 'rejected', code: 'forbidden', reason: 'service_role_required' };

describe('Order', () => {
  describe('when placed', () => {
    it.each([
      ['RecordPaymentSucceeded', 'placed'],
      ['RecordPaymentFailed', 'placed'],
      ['HoldOrder', 'placed'],
      ['CancelUnpaidOrder', 'placed'],
      ['ReleaseOrder', 'on_hold from placed'],
    ] as const)(
      'refuses %s from an actor without the service role (forbidden)',
      (type, situation) => {
        // Act
        const decision = decideAs(shopper, situation, type);

        // Assert
        expect(decision).toMatchObject(forbidden);
      },
    );

    it('accepts CancelOrder from any authenticated actor', () => {
      // Act
      const decision = decideAs({ sub: 'nobody', roles: [] }, 'placed', 'CancelOrder');

      // Assert
      expect(decision).toMatchObject({ kind: 'accepted', event: { type: 'order.cancelled.v1' } });
    });

    it('accepts HoldOrder from an actor that has service among other roles', () => {
      // Act
      const decision = decideAs(
        { sub: 'ops', roles: ['operator', 'service'] },
        'placed',
        'HoldOrder',
      );

      // Assert
      expect(decision).toMatchObject({ kind: 'accepted', event: { type: 'order.put_on_hold.v1' } });
    });
  });

  describe('when shipped', () => {
    // The role is checked before the state, so a caller without it learns nothing about it.
    it('refuses HoldOrder from a shopper as forbidden, not as order_closed', () => {
      // Act
      const decision = decideAs(shopper, 'shipped', 'HoldOrder');

      // Assert
      expect(decision).toMatchObject(forbidden);
    });
  });

  describe('when paid', () => {
    it('accepts ShipOrder from any authenticated actor', () => {
      // Act
      const decision = decideAs(shopper, 'paid', 'ShipOrder');

      // Assert
      expect(decision).toMatchObject({ kind: 'accepted', event: { type: 'order.shipped.v1' } });
    });
  });
});
