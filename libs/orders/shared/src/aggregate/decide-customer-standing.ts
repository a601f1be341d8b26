import type { Decision, DecisionContext } from '@cqrs/framework-command-handling';
import { accept, reject } from '@cqrs/framework-command-handling';
import { hasRole } from '@cqrs/framework-core';
import type { CustomerStandingCommand } from '../commands/customer-standing-commands';
import type { CustomerStanding } from '../domain/customer-standing';
import { serviceRole } from '../domain/order-status';
import type { CustomerStandingEvent } from '../events/customer-standing-events';
import { customerStandingEventTypes } from '../events/customer-standing-events';
import { customerStandingRejectionReasons as reasons } from './rejection-reasons';

/**
 * Records a customer's standing, creating the `CustomerStanding` on first use. Customer events
 * can arrive twice or out of order (at-least-once delivery, parking and replay), so only a
 * newer customer version is accepted, even when the standing itself does not change (the
 * version is still recorded); an older or equal one is refused as `stale_standing`.
 */
export function decideCustomerStanding(
  state: CustomerStanding | undefined,
  command: CustomerStandingCommand,
  { actor, now }: DecisionContext,
): Decision<CustomerStandingEvent> {
  if (!hasRole(actor, serviceRole)) {
    return reject('forbidden', reasons.serviceRoleRequired, 'Only a service may record standings');
  }
  if (state && command.customerVersion <= state.lastCustomerVersion) {
    return reject(
      'rule_violated',
      reasons.staleStanding,
      `Customer ${state.customerId} is already at version ${state.lastCustomerVersion}; ` +
        `version ${command.customerVersion} is stale`,
    );
  }
  return accept({
    type: customerStandingEventTypes.recorded,
    customerId: command.customerId,
    occurredAt: now.toISOString(),
    standing: command.standing,
    customerVersion: command.customerVersion,
  });
}
