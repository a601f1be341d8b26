import type { Decision } from '@cqrs/framework-command-handling';
import { accept, reject } from '@cqrs/framework-command-handling';
import type { UpdateContactDetails } from '../commands/customer-commands';
import type { Customer } from '../domain/customer';
import type { CustomerEvent } from '../events/customer-events';
import { customerEventTypes } from '../events/customer-events';
import { customerRejectionReasons as reasons } from './rejection-reasons';

/**
 * Contact details change while the relationship is open (`pending_kyc`, `active`, `blocked`).
 * The event carries only the fields that really change; a command that changes nothing is
 * refused (`no_change`) so no event without a change is ever published.
 */
export function decideContactDetails(
  state: Customer,
  command: UpdateContactDetails,
  now: Date,
): Decision<CustomerEvent> {
  if (state.status === 'closed') {
    return reject('rule_violated', reasons.alreadyClosed, `Customer ${state.id} is closed`);
  }
  if (state.status === 'rejected') {
    return reject(
      'rule_violated',
      reasons.kycRejected,
      `Customer ${state.id} was rejected by KYC; contact details are frozen`,
    );
  }
  const changes = {
    ...(command.name !== undefined && command.name !== state.name ? { name: command.name } : {}),
    ...(command.email !== undefined && command.email !== state.email
      ? { email: command.email }
      : {}),
    ...(command.phone !== undefined && command.phone !== state.phone
      ? { phone: command.phone }
      : {}),
  };
  if (Object.keys(changes).length === 0) {
    return reject(
      'rule_violated',
      reasons.noChange,
      `Customer ${state.id} already has these contact details`,
    );
  }
  return accept({
    type: customerEventTypes.contactDetailsUpdated,
    customerId: state.id,
    occurredAt: now.toISOString(),
    ...changes,
  });
}
