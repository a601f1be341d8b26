import type { CustomerCommand } from '../commands/customer-commands';
import type { Customer } from '../domain/customer';
import {
  at,
  clerk,
  customerId,
  customerIn,
  riskOfficer,
  ordersService,
} from '../testing/customer-fixtures';
import { customerAggregate } from './customer-aggregate';

const now = at(42);
const occurredAt = now.toISOString();

const decide = (state: Customer | undefined, command: CustomerCommand) =>
  customerAggregate.decide(state, command, { actor: riskOfficer, now });

describe('Customer', () => {
  describe('when not registered', () => {
    it('registers with the given details, no phone as null, at the decision time', () => {
      // Act
      const decision = decide(undefined, {
        type: 'RegisterCustomer',
        customerId: 'c-9',
        name: 'Grace Hopper',
        email: 'grace@example.com',
      });

      // Assert
      expect(decision).toEqual({
        kind: 'accepted',
        event: {
          type: 'customer.registered.v1',
          customerId: 'c-9',
          occurredAt,
          name: 'Grace Hopper',
          email: 'grace@example.com',
          phone: null,
        },
      });
    });
  });

  describe('when pending_kyc', () => {
    const state = customerIn('pending_kyc');

    it('approves with the provider reference, or null without one', () => {
      // Act
      const withReference = decide(state, { type: 'ApproveKyc', customerId, reference: 'r-1' });
      const without = decide(state, { type: 'ApproveKyc', customerId });

      // Assert
      expect(withReference).toMatchObject({ event: { reference: 'r-1', occurredAt } });
      expect(without).toMatchObject({
        event: { type: 'customer.kyc_approved.v1', reference: null },
      });
    });

    it('rejects with the provider reason', () => {
      // Act
      const decision = decide(state, { type: 'RejectKyc', customerId, reason: 'forged id' });

      // Assert
      expect(decision).toMatchObject({
        event: { type: 'customer.kyc_rejected.v1', reason: 'forged id' },
      });
    });

    it('expires as a KYC rejection with reason kyc_expired', () => {
      // Act
      const decision = customerAggregate.decide(
        state,
        { type: 'ExpireKyc', customerId },
        { actor: ordersService, now },
      );

      // Assert
      expect(decision).toEqual({
        kind: 'accepted',
        event: { type: 'customer.kyc_rejected.v1', customerId, occurredAt, reason: 'kyc_expired' },
      });
    });
  });

  describe('when active', () => {
    const state = customerIn('active');

    it('blocks with the given reason', () => {
      // Act
      const decision = decide(state, { type: 'BlockCustomer', customerId, reason: 'fraud ring' });

      // Assert
      expect(decision).toMatchObject({
        event: { type: 'customer.blocked.v1', reason: 'fraud ring' },
      });
    });

    it('records only the contact details that change', () => {
      // Act
      const decision = customerAggregate.decide(
        state,
        { type: 'UpdateContactDetails', customerId, name: state.name, email: 'ada@lovelace.org' },
        { actor: clerk, now },
      );

      // Assert
      expect(decision).toEqual({
        kind: 'accepted',
        event: {
          type: 'customer.contact_details_updated.v1',
          customerId,
          occurredAt,
          email: 'ada@lovelace.org',
        },
      });
    });

    it('removes the phone number with phone null', () => {
      // Act
      const decision = decide(state, { type: 'UpdateContactDetails', customerId, phone: null });

      // Assert
      expect(decision).toMatchObject({ kind: 'accepted', event: { phone: null } });
    });

    it('refuses contact details it already has (no_change)', () => {
      // Act
      const decision = decide(state, {
        type: 'UpdateContactDetails',
        customerId,
        name: state.name,
        email: state.email,
        phone: state.phone,
      });

      // Assert
      expect(decision).toMatchObject({
        kind: 'rejected',
        code: 'rule_violated',
        reason: 'no_change',
      });
    });
  });
});
