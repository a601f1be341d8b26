import type { Decision } from '@cqrs/framework-command-handling';
import { accept, reject } from '@cqrs/framework-command-handling';
import type { Actor } from '@cqrs/framework-core';
import { hasRole } from '@cqrs/framework-core';
import type { BlockCustomer, CloseCustomer, UnblockCustomer } from '../commands/customer-commands';
import type { Customer } from '../domain/customer';
import { riskRole } from '../domain/customer-status';
import type { CustomerEvent } from '../events/customer-events';
import { customerEventTypes } from '../events/customer-events';
import { customerRejectionReasons as reasons } from './rejection-reasons';

const refuse = (reason: string, message: string) => reject('rule_violated', reason, message);

const closedRefusal = (state: Customer) =>
  refuse(reasons.alreadyClosed, `Customer ${state.id} is closed`);

/** Block an active customer. Only risk may; the role is checked before the state. */
function decideBlock(state: Customer, command: BlockCustomer, actor: Actor, now: Date) {
  if (!hasRole(actor, riskRole)) {
    return reject('forbidden', reasons.riskRoleRequired, 'Only risk may block a customer');
  }
  if (state.status === 'closed') return closedRefusal(state);
  if (state.status === 'blocked') {
    return refuse(reasons.alreadyBlocked, `Customer ${state.id} is already blocked`);
  }
  if (state.status !== 'active') {
    return refuse(reasons.notActive, `Only an active customer can be blocked (${state.status})`);
  }
  return accept<CustomerEvent>({
    type: customerEventTypes.blocked,
    customerId: state.id,
    occurredAt: now.toISOString(),
    reason: command.reason,
  });
}

/** Lift a block; the customer becomes active, never `pending_kyc` again. Only risk may. */
function decideUnblock(state: Customer, actor: Actor, now: Date) {
  if (!hasRole(actor, riskRole)) {
    return reject('forbidden', reasons.riskRoleRequired, 'Only risk may unblock a customer');
  }
  if (state.status === 'closed') return closedRefusal(state);
  if (state.status !== 'blocked') {
    return refuse(reasons.notBlocked, `Customer ${state.id} is not blocked (${state.status})`);
  }
  return accept<CustomerEvent>({
    type: customerEventTypes.unblocked,
    customerId: state.id,
    occurredAt: now.toISOString(),
  });
}

/** End the relationship of an active or blocked customer that has no open orders. */
function decideClose(state: Customer, now: Date) {
  if (state.status === 'closed') return closedRefusal(state);
  if (state.status !== 'active' && state.status !== 'blocked') {
    return refuse(
      reasons.notActive,
      `Only an active or blocked customer can be closed (${state.status})`,
    );
  }
  if (state.openOrderIds.length > 0) {
    return refuse(
      reasons.openOrders,
      `Customer ${state.id} has ${state.openOrderIds.length} open order(s); close them first`,
    );
  }
  return accept<CustomerEvent>({
    type: customerEventTypes.closed,
    customerId: state.id,
    occurredAt: now.toISOString(),
  });
}

/** Block, unblock and close: the lifecycle after KYC. */
export function decideLifecycle(
  state: Customer,
  command: BlockCustomer | UnblockCustomer | CloseCustomer,
  actor: Actor,
  now: Date,
): Decision<CustomerEvent> {
  switch (command.type) {
    case 'BlockCustomer':
      return decideBlock(state, command, actor, now);
    case 'UnblockCustomer':
      return decideUnblock(state, actor, now);
    case 'CloseCustomer':
      return decideClose(state, now);
  }
}
