import type { StoredEvent } from '@cqrs/framework-command-handling';
import { stateOf } from '@cqrs/framework-change-handling';
import { at, customerId, customerIn, given, historyIn } from '../testing/customer-fixtures';
import { customerIndexes, customersCollection } from './collections';
import type { CustomerDocumentMeta } from './customer-document';
import { fromDocument, toDocument } from './customer-document';
import { toCustomerSnapshot } from './customer-snapshot';

const lastEvent: StoredEvent = {
  id: `${customerId}:3`,
  type: 'customer.blocked.v1',
  aggregateId: customerId,
  version: 3,
  time: at(2),
  data: { customerId, occurredAt: at(2).toISOString(), reason: 'chargebacks' },
  actor: { sub: 'risk-officer', roles: ['risk'] },
  commandId: 'cmd-3',
  correlationId: 'corr-3',
};

const meta: CustomerDocumentMeta = {
  version: 3,
  lastEvent,
  processedCommands: [{ commandId: 'cmd-3', fingerprint: 'f', version: 3, status: 200, body: {} }],
};

describe('CustomerDocument', () => {
  describe('when written', () => {
    it('keys the document by customer id and carries the bookkeeping', () => {
      // Act
      const document = toDocument(customerIn('blocked'), meta);

      // Assert
      expect(document).toMatchObject({
        _id: customerId,
        status: 'blocked',
        blockedReason: 'chargebacks',
        version: 3,
        lastEvent,
        processedCommands: meta.processedCommands,
      });
      expect(document).not.toHaveProperty('id');
    });

    it('holds no undefined values (the driver would store them as null)', () => {
      // Act
      const document = toDocument(customerIn('pending_kyc'), meta);

      // Assert
      expect(
        JSON.stringify(document, (_k, v: unknown) => (v === undefined ? '!undefined' : v)),
      ).not.toContain('!undefined');
    });
  });

  describe('when read back', () => {
    it.each(['pending_kyc', 'active', 'rejected', 'blocked', 'closed'] as const)(
      'gives the same %s state',
      (status) => {
        // Arrange
        const state = customerIn(status);

        // Act
        const read = fromDocument(toDocument(state, meta));

        // Assert
        expect(read).toEqual(state);
      },
    );

    it('refuses a document that no longer matches the state schema', () => {
      // Arrange
      const document = { ...toDocument(customerIn('active'), meta), status: 'archived' };

      // Act
      const act = () => fromDocument(document as never);

      // Assert
      expect(act).toThrow(/status/);
    });
  });

  describe('when the audit trail snapshots it', () => {
    it('has the same JSON form as the framework derives from the document', () => {
      // Arrange
      const state = given([
        ...historyIn('active'),
        {
          type: 'customer.order_opened.v1',
          customerId,
          occurredAt: at(4).toISOString(),
          orderId: 'o-1',
        },
      ])!;

      // Act
      const fromFramework = stateOf(toDocument(state, meta));

      // Assert
      expect(toCustomerSnapshot(state)).toEqual(fromFramework);
    });
  });

  describe('indexes', () => {
    it('make email unique and serve status listings and the KYC expiry job', () => {
      // Act
      const byName = Object.fromEntries(customerIndexes.map((index) => [index.name, index]));

      // Assert
      expect(customerIndexes.every((index) => index.collection === customersCollection)).toBe(true);
      expect(byName['email_unique']).toMatchObject({ key: { email: 1 }, unique: true });
      expect(byName['status_id']).toMatchObject({ key: { status: 1, _id: 1 } });
      expect(Object.keys(byName['status_registered_at']?.key ?? {})).toEqual([
        'status',
        'registeredAt',
      ]);
    });
  });
});
