import type { Actor } from '@cqrs/framework-core';
import type { CustomerStatus } from '../domain/customer-status';
import {
  at,
  clerk,
  customerIn,
  ordersService,
  riskOfficer,
  sampleCommand,
} from '../testing/customer-fixtures';
import { customerAggregate } from './customer-aggregate';

const decideAs = (
  actor: Actor,
  status: CustomerStatus,
  type: 'BlockCustomer' | 'UnblockCustomer',
) => customerAggregate.decide(customerIn(status), sampleCommand(type), { actor, now: at(10) });

const forbidden = { kind: 'rejected', code: 'forbidden', reason: 'risk_role_required' };

describe('Customer', () => {
  describe('when active', () => {
    it.each([
      ['a clerk', clerk],
      ['a service', ordersService],
      ['an actor without roles', { sub: 'nobody', roles: [] }],
    ])('refuses BlockCustomer from %s (forbidden)', (_who, actor) => {
      // Act
      const decision = decideAs(actor, 'active', 'BlockCustomer');

      // Assert
      expect(decision).toMatchObject(forbidden);
    });

    it('accepts BlockCustomer from an actor that has risk among other roles', () => {
      // Arrange
      const actor = { sub: 'lead', roles: ['customer_support', 'risk'] };

      // Act
      const decision = decideAs(actor, 'active', 'BlockCustomer');

      // Assert
      expect(decision).toMatchObject({ kind: 'accepted', event: { type: 'customer.blocked.v1' } });
    });

    it('accepts CloseCustomer from any authenticated actor', () => {
      // Act
      const decision = customerAggregate.decide(
        customerIn('active'),
        sampleCommand('CloseCustomer'),
        { actor: clerk, now: at(10) },
      );

      // Assert
      expect(decision).toMatchObject({ kind: 'accepted', event: { type: 'customer.closed.v1' } });
    });
  });

  describe('when blocked', () => {
    it('refuses UnblockCustomer from a clerk (forbidden)', () => {
      // Act
      const decision = decideAs(clerk, 'blocked', 'UnblockCustomer');

      // Assert
      expect(decision).toMatchObject(forbidden);
    });

    it('accepts UnblockCustomer from risk', () => {
      // Act
      const decision = decideAs(riskOfficer, 'blocked', 'UnblockCustomer');

      // Assert
      expect(decision).toMatchObject({
        kind: 'accepted',
        event: { type: 'customer.unblocked.v1' },
      });
    });
  });

  describe('when closed', () => {
    // The role is checked before the state, so a caller without it learns nothing about it.
    it.each(['BlockCustomer', 'UnblockCustomer'] as const)(
      'refuses %s from a clerk as forbidden, not as already_closed',
      (type) => {
        // Act
        const decision = decideAs(clerk, 'closed', type);

        // Assert
        expect(decision).toMatchObject(forbidden);
      },
    );
  });
});
