import type { CustomerStatus } from '../domain/customer-status';
import { customerStatuses } from '../domain/customer-status';
import type { CustomerEvent } from '../events/customer-events';
import {
  at,
  customerId,
  given,
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

const withOpenOrders = (status: CustomerStatus, ...orderIds: string[]) =>
  given([...historyIn(status), ...orderIds.map((id) => opened(id))]);

const record = (
  state: ReturnType<typeof given>,
  type: 'RecordOrderOpened' | 'RecordOrderClosed',
  orderId: string,
) =>
  customerAggregate.decide(
    state,
    { type, customerId, orderId },
    { actor: ordersService, now: at(30) },
  );

describe('Customer', () => {
  // Orders are facts from the orders service: recorded whatever the status (see decide-orders).
  describe.each(customerStatuses)('when %s', (status) => {
    it('accepts RecordOrderOpened for a new order', () => {
      // Arrange
      const state = withOpenOrders(status, 'o-1');

      // Act
      const decision = record(state, 'RecordOrderOpened', 'o-2');

      // Assert
      expect(decision).toEqual({
        kind: 'accepted',
        event: {
          type: 'customer.order_opened.v1',
          customerId,
          occurredAt: at(30).toISOString(),
          orderId: 'o-2',
        },
      });
    });

    it('refuses RecordOrderOpened for an order already open (order_already_open)', () => {
      // Act
      const decision = record(withOpenOrders(status, 'o-1'), 'RecordOrderOpened', 'o-1');

      // Assert
      expect(decision).toMatchObject({
        kind: 'rejected',
        code: 'rule_violated',
        reason: 'order_already_open',
      });
    });

    it('accepts RecordOrderClosed for an open order', () => {
      // Act
      const decision = record(withOpenOrders(status, 'o-1', 'o-2'), 'RecordOrderClosed', 'o-1');

      // Assert
      expect(decision).toMatchObject({
        kind: 'accepted',
        event: { type: 'customer.order_closed.v1', orderId: 'o-1' },
      });
    });

    it('refuses RecordOrderClosed for an order not open (order_not_open)', () => {
      // Act
      const decision = record(withOpenOrders(status, 'o-1'), 'RecordOrderClosed', 'o-9');

      // Assert
      expect(decision).toMatchObject({
        kind: 'rejected',
        code: 'rule_violated',
        reason: 'order_not_open',
      });
    });
  });

  describe.each(['active', 'blocked'] as const)('when %s with open orders', (status) => {
    it('refuses CloseCustomer (open_orders)', () => {
      // Arrange
      const state = withOpenOrders(status, 'o-1', 'o-2');

      // Act
      const decision = customerAggregate.decide(
        state,
        { type: 'CloseCustomer', customerId },
        { actor: riskOfficer, now: at(30) },
      );

      // Assert
      expect(decision).toMatchObject({
        kind: 'rejected',
        code: 'rule_violated',
        reason: 'open_orders',
        message: expect.stringContaining('2 open order') as unknown,
      });
    });

    it('accepts CloseCustomer once every order is closed', () => {
      // Arrange
      const state = given([...historyIn(status), opened('o-1'), closed('o-1')]);

      // Act
      const decision = customerAggregate.decide(
        state,
        { type: 'CloseCustomer', customerId },
        { actor: riskOfficer, now: at(30) },
      );

      // Assert
      expect(state?.openOrderIds).toEqual([]);
      expect(decision).toMatchObject({ kind: 'accepted', event: { type: 'customer.closed.v1' } });
    });
  });
});
