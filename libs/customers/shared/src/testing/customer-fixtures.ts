import type { Actor } from '@cqrs/framework-core';
import { evolveCustomer } from '../aggregate/evolve';
import type { CustomerCommand, CustomerCommandType } from '../commands/customer-commands';
import type { Customer } from '../domain/customer';
import type { CustomerStatus } from '../domain/customer-status';
import type { CustomerEvent } from '../events/customer-events';

/** Test data for the `Customer` aggregate: actors, clock, histories and sample commands. */

export const customerId = 'c-1';

/** Has every role the domain checks, so a matrix test sees only the state machine. */
export const riskOfficer: Actor = { sub: 'risk-officer', roles: ['risk'] };
export const clerk: Actor = { sub: 'clerk', roles: ['customer_support'] };
export const ordersService: Actor = { sub: 'orders-evh', roles: ['service'] };

export const t0 = new Date('2025-03-01T09:00:00.000Z');

/** `minutes` after `t0`. */
export const at = (minutes: number): Date => new Date(t0.getTime() + minutes * 60_000);

const iso = (minutes: number) => at(minutes).toISOString();

export const registeredEvent: CustomerEvent = {
  type: 'customer.registered.v1',
  customerId,
  occurredAt: iso(0),
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: '+441234567890',
};

const approved: CustomerEvent = {
  type: 'customer.kyc_approved.v1',
  customerId,
  occurredAt: iso(1),
  reference: 'kyc-42',
};

/** The events that lead to a customer in `status`, one minute apart from `t0`. */
export function historyIn(status: CustomerStatus): CustomerEvent[] {
  switch (status) {
    case 'pending_kyc':
      return [registeredEvent];
    case 'active':
      return [registeredEvent, approved];
    case 'rejected':
      return [
        registeredEvent,
        { type: 'customer.kyc_rejected.v1', customerId, occurredAt: iso(1), reason: 'fraud' },
      ];
    case 'blocked':
      return [
        registeredEvent,
        approved,
        { type: 'customer.blocked.v1', customerId, occurredAt: iso(2), reason: 'chargebacks' },
      ];
    case 'closed':
      return [
        registeredEvent,
        approved,
        { type: 'customer.closed.v1', customerId, occurredAt: iso(2) },
      ];
  }
}

/** The state after `events` (undefined for none): the "given" of a given/when/then test. */
export const given = (events: readonly CustomerEvent[]): Customer | undefined =>
  events.reduce<Customer | undefined>(evolveCustomer, undefined);

/** The state of a customer in `status`. */
export function customerIn(status: CustomerStatus): Customer {
  const state = given(historyIn(status));
  if (!state) throw new Error('a history always creates the customer');
  return state;
}

/** A valid command of each type for `customerId`; order commands name `order-1`. */
export function sampleCommand(type: CustomerCommandType): CustomerCommand {
  switch (type) {
    case 'RegisterCustomer':
      return { type, customerId, name: 'Ada Lovelace', email: 'ada@example.com' };
    case 'UpdateContactDetails':
      return { type, customerId, name: 'Ada King' };
    case 'BlockCustomer':
      return { type, customerId, reason: 'suspicious activity' };
    case 'RejectKyc':
      return { type, customerId, reason: 'document forged' };
    case 'ApproveKyc':
      return { type, customerId, reference: 'kyc-77' };
    case 'RecordOrderOpened':
    case 'RecordOrderClosed':
      return { type, customerId, orderId: 'order-1' };
    case 'UnblockCustomer':
    case 'CloseCustomer':
    case 'ExpireKyc':
      return { type, customerId };
  }
}
