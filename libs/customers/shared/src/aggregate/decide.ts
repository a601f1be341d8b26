import type { Decision, DecisionContext } from '@cqrs/framework-command-handling';
import { accept, reject } from '@cqrs/framework-command-handling';
import type { CustomerCommand, RegisterCustomer } from '../commands/customer-commands';
import type { Customer } from '../domain/customer';
import type { CustomerEvent } from '../events/customer-events';
import { customerEventTypes } from '../events/customer-events';
import { decideContactDetails } from './decide-contact-details';
import { decideKyc } from './decide-kyc';
import { decideLifecycle } from './decide-lifecycle';
import { decideOrders } from './decide-orders';
import { customerRejectionReasons as reasons } from './rejection-reasons';

function decideRegister(
  state: Customer | undefined,
  command: RegisterCustomer,
  now: Date,
): Decision<CustomerEvent> {
  if (state) {
    return reject('conflict', reasons.alreadyExists, `Customer ${state.id} already exists`);
  }
  return accept({
    type: customerEventTypes.registered,
    customerId: command.customerId,
    occurredAt: now.toISOString(),
    name: command.name,
    email: command.email,
    phone: command.phone ?? null,
  });
}

/**
 * The `Customer` state machine: turns one command into one event, or a refusal with a stable
 * reason. Pure: the time and the actor come from `context`. Every command but `RegisterCustomer`
 * needs an existing customer (`not_found` otherwise).
 */
export function decideCustomer(
  state: Customer | undefined,
  command: CustomerCommand,
  { actor, now }: DecisionContext,
): Decision<CustomerEvent> {
  if (command.type === 'RegisterCustomer') return decideRegister(state, command, now);
  if (!state) {
    return reject(
      'not_found',
      reasons.customerNotFound,
      `Customer ${command.customerId} does not exist`,
    );
  }
  switch (command.type) {
    case 'UpdateContactDetails':
      return decideContactDetails(state, command, now);
    case 'ApproveKyc':
    case 'RejectKyc':
    case 'ExpireKyc':
      return decideKyc(state, command, now);
    case 'BlockCustomer':
    case 'UnblockCustomer':
    case 'CloseCustomer':
      return decideLifecycle(state, command, actor, now);
    case 'RecordOrderOpened':
    case 'RecordOrderClosed':
      return decideOrders(state, command, now);
  }
}
