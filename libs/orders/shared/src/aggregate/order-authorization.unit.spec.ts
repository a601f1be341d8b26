import { deciderSpec } from '@cqrs/framework-command-handling/testing';
import type { OrderSituation } from '../testing/order-fixtures';
import { at, orderIn, sampleCommand, shopper } from '../testing/order-fixtures';
import { orderAggregate } from './order-aggregate';

const spec = deciderSpec(orderAggregate, { actor: shopper, now: at(10) });
const given = (situation: OrderSituation) => spec.given({ state: orderIn(situation) });

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
        given(situation)
          .when(sampleCommand(type))
          .thenRefused('forbidden', 'service_role_required');
      },
    );

    it('accepts CancelOrder from any authenticated actor', () => {
      given('placed')
        .when(sampleCommand('CancelOrder'), { actor: { sub: 'nobody', roles: [] } })
        .thenMatches({ type: 'order.cancelled.v1' });
    });

    it('accepts HoldOrder from an actor that has service among other roles', () => {
      given('placed')
        .when(sampleCommand('HoldOrder'), { actor: { sub: 'ops', roles: ['operator', 'service'] } })
        .thenMatches({ type: 'order.put_on_hold.v1' });
    });
  });

  describe('when shipped', () => {
    // The role is checked before the state, so a caller without it learns nothing about it.
    it('refuses HoldOrder from a shopper as forbidden, not as order_closed', () => {
      given('shipped')
        .when(sampleCommand('HoldOrder'))
        .thenRefused('forbidden', 'service_role_required');
    });
  });

  describe('when paid', () => {
    it('accepts ShipOrder from any authenticated actor', () => {
      given('paid').when(sampleCommand('ShipOrder')).thenMatches({ type: 'order.shipped.v1' });
    });
  });
});
