import { customerEventSchema, parseCustomerEvent } from '../events/customer-events';
import type { CustomerEvent } from '../events/customer-events';
import {
  at,
  customerId,
  customerIn,
  given,
  historyIn,
  registeredEvent,
} from '../testing/customer-fixtures';
import { customerAggregate } from './customer-aggregate';

const iso = (minute: number) => at(minute).toISOString();

describe('Customer', () => {
  describe('when registered', () => {
    it('is pending_kyc with the registered details and no orders', () => {
      // Act
      const state = given([registeredEvent]);

      // Assert
      expect(state).toEqual({
        id: customerId,
        status: 'pending_kyc',
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        phone: '+441234567890',
        kyc: { status: 'pending' },
        blockedReason: null,
        openOrderIds: [],
        registeredAt: at(0),
        updatedAt: at(0),
      });
    });

    it('refuses a second registration as impossible', () => {
      // Act
      const act = () => customerAggregate.evolve(customerIn('pending_kyc'), registeredEvent);

      // Assert
      expect(act).toThrow(/already exists/);
    });
  });

  describe('when not registered', () => {
    it('refuses any other event as impossible', () => {
      // Act
      const act = () => given(historyIn('active').slice(1));

      // Assert
      expect(act).toThrow(/does not exist/);
    });
  });

  describe('when active', () => {
    it('records the KYC decision, its time and reference', () => {
      // Act
      const state = customerIn('active');

      // Assert
      expect(state.kyc).toEqual({ status: 'approved', decidedAt: at(1), reference: 'kyc-42' });
      expect(state.updatedAt).toEqual(at(1));
      expect(state.registeredAt).toEqual(at(0));
    });

    it('refuses an event of another customer as impossible', () => {
      // Act
      const act = () =>
        customerAggregate.evolve(customerIn('active'), {
          type: 'customer.closed.v1',
          customerId: 'c-2',
          occurredAt: iso(5),
        });

      // Assert
      expect(act).toThrow(/c-2/);
    });

    it('changes only the fields an update names and leaves the input state untouched', () => {
      // Arrange
      const before = customerIn('active');
      const copy = structuredClone(before);

      // Act
      const after = customerAggregate.evolve(before, {
        type: 'customer.contact_details_updated.v1',
        customerId,
        occurredAt: iso(9),
        phone: null,
      });

      // Assert
      expect(after).toEqual({ ...before, phone: null, updatedAt: at(9) });
      expect(before).toEqual(copy);
    });
  });

  describe('when blocked', () => {
    it('keeps the block reason until unblocked or closed', () => {
      // Arrange
      const blocked = customerIn('blocked');
      const unblocked: CustomerEvent = {
        type: 'customer.unblocked.v1',
        customerId,
        occurredAt: iso(5),
      };
      const closed: CustomerEvent = { type: 'customer.closed.v1', customerId, occurredAt: iso(5) };

      // Act
      const afterUnblock = customerAggregate.evolve(blocked, unblocked);
      const afterClose = customerAggregate.evolve(blocked, closed);

      // Assert
      expect(blocked.blockedReason).toBe('chargebacks');
      expect(afterUnblock).toMatchObject({ status: 'active', blockedReason: null });
      expect(afterClose).toMatchObject({ status: 'closed', blockedReason: null });
    });
  });

  describe('when its events are stored and read back', () => {
    it.each(['pending_kyc', 'active', 'rejected', 'blocked', 'closed'] as const)(
      'rebuilds the same %s state from the stored type + data',
      (status) => {
        // Arrange: what the command handler stores (`data` = the event without its `type`),
        // after a JSON round trip as on Kafka.
        const stored = historyIn(status).map(
          ({ type, ...data }) =>
            JSON.parse(JSON.stringify({ type, data })) as { type: string; data: unknown },
        );

        // Act
        const rebuilt = given(stored.map(parseCustomerEvent));

        // Assert
        expect(rebuilt).toEqual(customerIn(status));
      },
    );

    it('refuses a stored event of an unknown type', () => {
      // Act
      const act = () => parseCustomerEvent({ type: 'customer.merged.v1', data: { customerId } });

      // Assert
      expect(act).toThrow();
    });

    it('validates every fixture event against the published schema', () => {
      // Act
      const events = historyIn('blocked').map((event) => customerEventSchema.safeParse(event));

      // Assert
      expect(events.every((result) => result.success)).toBe(true);
    });
  });
});
