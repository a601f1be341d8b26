import { deciderSpec } from '@cqrs/framework-command-handling/testing';
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

const spec = deciderSpec(customerAggregate, { actor: riskOfficer, now: at(10) });
const given = (status: CustomerStatus) => spec.given({ state: customerIn(status) });

describe('Customer', () => {
  describe('when active', () => {
    it.each([
      ['a clerk', clerk],
      ['a service', ordersService],
      ['an actor without roles', { sub: 'nobody', roles: [] }],
    ])('refuses BlockCustomer from %s (forbidden)', (_who, actor) => {
      given('active')
        .when(sampleCommand('BlockCustomer'), { actor })
        .thenRefused('forbidden', 'risk_role_required');
    });

    it('accepts BlockCustomer from an actor that has risk among other roles', () => {
      given('active')
        .when(sampleCommand('BlockCustomer'), {
          actor: { sub: 'lead', roles: ['customer_support', 'risk'] },
        })
        .thenMatches({ type: 'customer.blocked.v1' });
    });

    it('accepts CloseCustomer from any authenticated actor', () => {
      given('active')
        .when(sampleCommand('CloseCustomer'), { actor: clerk })
        .thenMatches({ type: 'customer.closed.v1' });
    });
  });

  describe('when blocked', () => {
    it('refuses UnblockCustomer from a clerk (forbidden)', () => {
      given('blocked')
        .when(sampleCommand('UnblockCustomer'), { actor: clerk })
        .thenRefused('forbidden', 'risk_role_required');
    });

    it('accepts UnblockCustomer from risk', () => {
      given('blocked')
        .when(sampleCommand('UnblockCustomer'))
        .thenMatches({ type: 'customer.unblocked.v1' });
    });
  });

  describe('when closed', () => {
    // The role is checked before the state, so a caller without it learns nothing about it.
    it.each(['BlockCustomer', 'UnblockCustomer'] as const)(
      'refuses %s from a clerk as forbidden, not as already_closed',
      (type) => {
        given('closed')
          .when(sampleCommand(type), { actor: clerk })
          .thenRefused('forbidden', 'risk_role_required');
      },
    );
  });
});
