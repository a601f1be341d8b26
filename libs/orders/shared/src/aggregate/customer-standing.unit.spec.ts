import { deciderSpec } from '@cqrs/framework-command-handling/testing';
import type { RecordCustomerStanding } from '../commands/customer-standing-commands';
import type { CustomerStanding, Standing } from '../domain/customer-standing';
import {
  customerStandingEventSchema,
  parseCustomerStandingEvent,
} from '../events/customer-standing-events';
import { at, customerId, ordersService, shopper } from '../testing/order-fixtures';
import { customerStandingAggregate } from './customer-standing-aggregate';

const record = (standing: Standing, customerVersion: number): RecordCustomerStanding => ({
  type: 'RecordCustomerStanding',
  customerId,
  standing,
  customerVersion,
});

const spec = deciderSpec(customerStandingAggregate, { actor: ordersService, now: at(20) });

/** The state after recording `standing` at `version`, a minute after `t0`. */
const standingAt = (standing: Standing, version: number): CustomerStanding => ({
  customerId,
  standing,
  lastCustomerVersion: version,
  updatedAt: at(1),
});

describe('CustomerStanding', () => {
  describe('when not recorded yet', () => {
    it('records the standing and the customer version', () => {
      const event = {
        type: 'customer_standing.recorded.v1',
        customerId,
        occurredAt: at(20).toISOString(),
        standing: 'pending_kyc',
        customerVersion: 1,
      } as const;

      const state = spec.given([]).when(record('pending_kyc', 1)).then(event);

      expect(customerStandingEventSchema.safeParse(event).success).toBe(true);
      expect(state).toEqual({
        customerId,
        standing: 'pending_kyc',
        lastCustomerVersion: 1,
        updatedAt: at(20),
      });
    });

    it('records a first event that is not the customer registration (version > 1)', () => {
      spec.given([]).when(record('active', 4)).thenMatches({
        type: 'customer_standing.recorded.v1',
        standing: 'active',
        customerVersion: 4,
      });
    });

    it('refuses an actor without the service role (forbidden)', () => {
      spec
        .given([])
        .when(record('active', 2), { actor: shopper })
        .thenRefused('forbidden', 'service_role_required');
    });
  });

  describe('when active at customer version 3', () => {
    const state = standingAt('active', 3);

    it.each([
      ['a newer version with another standing', record('blocked', 4), 'blocked'],
      ['a newer version with the same standing', record('active', 7), 'active'],
    ] as const)('accepts %s and records its version', (_what, command, standing) => {
      const after = spec
        .given({ state })
        .when(command)
        .thenMatches({ type: 'customer_standing.recorded.v1', standing });

      expect(after).toEqual({
        customerId,
        standing,
        lastCustomerVersion: command.customerVersion,
        updatedAt: at(20),
      });
    });

    it.each([
      ['the same version (a duplicate)', 3],
      ['an older version (out of order)', 2],
    ])('refuses %s as stale_standing', (_what, version) => {
      spec
        .given({ state })
        .when(record('pending_kyc', version))
        .thenRefused('rule_violated', 'stale_standing');
    });

    it('refuses an older recorded event as impossible', () => {
      // Act
      const act = () =>
        customerStandingAggregate.evolve(state, {
          type: 'customer_standing.recorded.v1',
          customerId,
          occurredAt: at(5).toISOString(),
          standing: 'pending_kyc',
          customerVersion: 1,
        });

      // Assert
      expect(act).toThrow(/version 1/);
    });

    it('refuses an event of another customer as impossible', () => {
      // Act
      const act = () =>
        customerStandingAggregate.evolve(state, {
          type: 'customer_standing.recorded.v1',
          customerId: 'c-2',
          occurredAt: at(5).toISOString(),
          standing: 'closed',
          customerVersion: 9,
        });

      // Assert
      expect(act).toThrow(/c-2/);
    });
  });

  describe('when its event is stored and read back', () => {
    it('parses the stored type + data, and refuses an unknown type', () => {
      // Arrange
      const data = {
        customerId,
        occurredAt: at(1).toISOString(),
        standing: 'closed',
        customerVersion: 5,
      };

      // Act
      const parsed = parseCustomerStandingEvent({ type: 'customer_standing.recorded.v1', data });
      const unknown = () =>
        parseCustomerStandingEvent({ type: 'customer_standing.erased.v1', data });

      // Assert
      expect(parsed).toEqual({ type: 'customer_standing.recorded.v1', ...data });
      expect(unknown).toThrow();
    });
  });
});
