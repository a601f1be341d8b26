import type { CustomerCommandType } from '../commands/customer-commands';
import type { CustomerStatus } from '../domain/customer-status';
import { customerEventSchema } from '../events/customer-events';
import {
  at,
  customerIn,
  given,
  historyIn,
  riskOfficer,
  sampleCommand,
} from '../testing/customer-fixtures';
import { customerAggregate } from './customer-aggregate';

/** What a cell expects: the decision (partially) and the status after applying its event. */
interface Outcome {
  readonly decision: Record<string, unknown>;
  readonly then: CustomerStatus | 'unchanged';
  readonly title: string;
}

const ok = (event: string, then: CustomerStatus): Outcome => ({
  decision: { kind: 'accepted', event: { type: `customer.${event}.v1` } },
  then,
  title: `with customer.${event}.v1, then is ${then}`,
});
const refusal = (code: string, reason: string): Outcome => ({
  decision: { kind: 'rejected', code, reason },
  then: 'unchanged',
  title: `(${code}: ${reason})`,
});
const no = (reason: string) => refusal('rule_violated', reason);
const exists = refusal('conflict', 'already_exists');
const missing = refusal('not_found', 'customer_not_found');

// The state machine of DESIGN section 2, written out by hand: every status x every lifecycle
// command (order bookkeeping has its own spec). Each cell is one test.
const matrix: Record<CustomerStatus | 'not registered', Record<string, Outcome>> = {
  'not registered': {
    RegisterCustomer: ok('registered', 'pending_kyc'),
    UpdateContactDetails: missing,
    ApproveKyc: missing,
    RejectKyc: missing,
    ExpireKyc: missing,
    BlockCustomer: missing,
    UnblockCustomer: missing,
    CloseCustomer: missing,
    RecordOrderOpened: missing,
    RecordOrderClosed: missing,
  },
  pending_kyc: {
    RegisterCustomer: exists,
    UpdateContactDetails: ok('contact_details_updated', 'pending_kyc'),
    ApproveKyc: ok('kyc_approved', 'active'),
    RejectKyc: ok('kyc_rejected', 'rejected'),
    ExpireKyc: ok('kyc_rejected', 'rejected'),
    BlockCustomer: no('not_active'),
    UnblockCustomer: no('not_blocked'),
    CloseCustomer: no('not_active'),
  },
  active: {
    RegisterCustomer: exists,
    UpdateContactDetails: ok('contact_details_updated', 'active'),
    ApproveKyc: no('not_pending_kyc'),
    RejectKyc: no('not_pending_kyc'),
    ExpireKyc: no('not_pending_kyc'),
    BlockCustomer: ok('blocked', 'blocked'),
    UnblockCustomer: no('not_blocked'),
    CloseCustomer: ok('closed', 'closed'),
  },
  rejected: {
    RegisterCustomer: exists,
    UpdateContactDetails: no('kyc_rejected'),
    ApproveKyc: no('not_pending_kyc'),
    RejectKyc: no('not_pending_kyc'),
    ExpireKyc: no('not_pending_kyc'),
    BlockCustomer: no('not_active'),
    UnblockCustomer: no('not_blocked'),
    CloseCustomer: no('not_active'),
  },
  blocked: {
    RegisterCustomer: exists,
    UpdateContactDetails: ok('contact_details_updated', 'blocked'),
    ApproveKyc: no('not_pending_kyc'),
    RejectKyc: no('not_pending_kyc'),
    ExpireKyc: no('not_pending_kyc'),
    BlockCustomer: no('already_blocked'),
    UnblockCustomer: ok('unblocked', 'active'),
    CloseCustomer: ok('closed', 'closed'),
  },
  closed: {
    RegisterCustomer: exists,
    UpdateContactDetails: no('already_closed'),
    ApproveKyc: no('not_pending_kyc'),
    RejectKyc: no('not_pending_kyc'),
    ExpireKyc: no('not_pending_kyc'),
    BlockCustomer: no('already_closed'),
    UnblockCustomer: no('already_closed'),
    CloseCustomer: no('already_closed'),
  },
};

const cases = (row: Record<string, Outcome>) =>
  Object.entries(row).map(([command, outcome]) => ({
    command: command as CustomerCommandType,
    outcome,
    title: `${outcome.then === 'unchanged' ? 'refuses' : 'accepts'} ${command} ${outcome.title}`,
  }));

describe('Customer', () => {
  describe.each(Object.entries(matrix))('when %s', (status, row) => {
    const state = status === 'not registered' ? undefined : customerIn(status as CustomerStatus);

    it.each(cases(row))('$title', ({ command, outcome }) => {
      // Arrange
      const when = sampleCommand(command);

      // Act
      const decision = customerAggregate.decide(state, when, { actor: riskOfficer, now: at(10) });

      // Assert
      expect(decision).toMatchObject(outcome.decision);
      const event = decision.kind === 'accepted' ? decision.event : undefined;
      const after = event ? customerAggregate.evolve(state, event).status : 'unchanged';
      expect(after).toBe(outcome.then);
      expect(event === undefined || customerEventSchema.safeParse(event).success).toBe(true);
    });
  });

  describe('when blocked and then unblocked', () => {
    it('is active again, never back in pending_kyc', () => {
      // Arrange
      const history = historyIn('blocked');

      // Act
      const state = given([
        ...history,
        { type: 'customer.unblocked.v1', customerId: 'c-1', occurredAt: at(5).toISOString() },
      ]);

      // Assert
      expect(state).toMatchObject({ status: 'active', kyc: { status: 'approved' } });
    });
  });
});
