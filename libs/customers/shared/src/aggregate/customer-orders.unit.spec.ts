import type { CustomerStatus } from '../domain/customer-status';
import { customerStatuses } from '../domain/customer-status';
import type { CustomerEvent } from '../events/customer-events';
import { deciderSpec } from '@cqrs/framework-command-handling/testing';
import {
  at,
  customerId,
  historyIn,
  ordersService,
  riskOfficer,
} from '../testing/customer-fixtures';
import { customerAggregate } from './customer-aggregate';

const opened = (orderId: string, minute = 5): CustomerEvent => ({
  type: 'customer.order_opened.v1',
  customerId,
  occurredAt: at(minute).toISOString(),
  orderId,
});

const closed = (orderId: string, minute = 6): CustomerEvent => ({
  type: 'customer.order_closed.v1',
  customerId,
  occurredAt: at(minute).toISOString(),
  orderId,
});

const withOpenOrders = (status: CustomerStatus, ...orderIds: string[]) => [
  ...historyIn(status),
  ...orderIds.map((id) => opened(id)),
];

const fromOrders = deciderSpec(customerAggregate, { actor: ordersService, now: at(30) });
const byRiskOfficer = deciderSpec(customerAggregate, { actor: riskOfficer, now: at(30) });
const openOrder = (orderId: string) =>
  ({ type: 'RecordOrderOpened', customerId, orderId }) as const;
const closeOrder = (orderId: string) =>
  ({ type: 'RecordOrderClosed', customerId, orderId }) as const;
const closeCustomer = { type: 'CloseCustomer', customerId } as const;

describe('Customer', () => {
  // Orders are facts from the orders service: recorded whatever the status (see decide-orders).
  describe.each(customerStatuses)('when %s', (status) => {
    it('accepts RecordOrderOpened for a new order', () => {
      const state = fromOrders
        .given(withOpenOrders(status, 'o-1'))
        .when(openOrder('o-2'))
        .then(opened('o-2', 30));

      expect(state.openOrderIds).toEqual(['o-1', 'o-2']);
    });

    it('refuses RecordOrderOpened for an order already open (order_already_open)', () => {
      fromOrders
        .given(withOpenOrders(status, 'o-1'))
        .when(openOrder('o-1'))
        .thenRefused('rule_violated', 'order_already_open');
    });

    it('accepts RecordOrderClosed for an open order', () => {
      const state = fromOrders
        .given(withOpenOrders(status, 'o-1', 'o-2'))
        .when(closeOrder('o-1'))
        .then(closed('o-1', 30));

      expect(state.openOrderIds).toEqual(['o-2']);
    });

    it('refuses RecordOrderClosed for an order not open (order_not_open)', () => {
      fromOrders
        .given(withOpenOrders(status, 'o-1'))
        .when(closeOrder('o-9'))
        .thenRefused('rule_violated', 'order_not_open');
    });
  });

  describe.each(['active', 'blocked'] as const)('when %s with open orders', (status) => {
    it('refuses CloseCustomer (open_orders), naming how many', () => {
      const outcome = byRiskOfficer.given(withOpenOrders(status, 'o-1', 'o-2')).when(closeCustomer);

      outcome.thenRefused('rule_violated', 'open_orders');
      expect(outcome.decision).toMatchObject({
        message: expect.stringContaining('2 open order') as unknown,
      });
    });

    it('accepts CloseCustomer once every order is closed', () => {
      const history = [...historyIn(status), opened('o-1'), closed('o-1')];

      expect(byRiskOfficer.stateOf(history)?.openOrderIds).toEqual([]);
      byRiskOfficer.given(history).when(closeCustomer).thenMatches({ type: 'customer.closed.v1' });
    });
  });
});
