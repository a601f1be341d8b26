import type { Decision } from '@cqrs/framework-command-handling';
import { accept, reject } from '@cqrs/framework-command-handling';
import type { ApproveKyc, ExpireKyc, RejectKyc } from '../commands/customer-commands';
import type { Customer } from '../domain/customer';
import { kycExpiredReason } from '../domain/customer-status';
import type { CustomerEvent } from '../events/customer-events';
import { customerEventTypes } from '../events/customer-events';
import { customerRejectionReasons as reasons } from './rejection-reasons';

/**
 * KYC decisions (from the provider, through extevh) and expiry (from the cmdh cron job): each
 * settles a `pending_kyc` customer once. A late decision after expiry, or a second webhook for
 * a decided check, is refused rather than overriding the first outcome.
 */
export function decideKyc(
  state: Customer,
  command: ApproveKyc | RejectKyc | ExpireKyc,
  now: Date,
): Decision<CustomerEvent> {
  if (state.status !== 'pending_kyc') {
    return reject(
      'rule_violated',
      reasons.notPendingKyc,
      `The KYC check of customer ${state.id} is no longer pending (status ${state.status})`,
    );
  }
  const base = { customerId: state.id, occurredAt: now.toISOString() };
  switch (command.type) {
    case 'ApproveKyc':
      return accept({
        type: customerEventTypes.kycApproved,
        ...base,
        reference: command.reference ?? null,
      });
    case 'RejectKyc':
      return accept({ type: customerEventTypes.kycRejected, ...base, reason: command.reason });
    case 'ExpireKyc':
      return accept({ type: customerEventTypes.kycRejected, ...base, reason: kycExpiredReason });
  }
}
