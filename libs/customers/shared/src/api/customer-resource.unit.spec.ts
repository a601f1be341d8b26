import { at, customerId, customerIn, given, historyIn } from '../testing/customer-fixtures';
import { toDocument } from '../persistence/customer-document';
import {
  customerDocumentToResource,
  customerResourceSchema,
  toCustomerResource,
} from './customer-resource';

describe('CustomerResource', () => {
  describe('when pending_kyc', () => {
    it('shows every field, dates as ISO strings and an undecided KYC as nulls', () => {
      // Act
      const resource = toCustomerResource(customerIn('pending_kyc'), 1);

      // Assert
      expect(resource).toEqual({
        id: customerId,
        status: 'pending_kyc',
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        phone: '+441234567890',
        kyc: { status: 'pending', decidedAt: null, reason: null, reference: null },
        blockedReason: null,
        openOrders: 0,
        version: 1,
        registeredAt: '2025-03-01T09:00:00.000Z',
        updatedAt: '2025-03-01T09:00:00.000Z',
      });
    });
  });

  describe('when rejected', () => {
    it('shows the KYC reason and decision time', () => {
      // Act
      const resource = toCustomerResource(customerIn('rejected'), 2);

      // Assert
      expect(resource.kyc).toEqual({
        status: 'rejected',
        decidedAt: at(1).toISOString(),
        reason: 'fraud',
        reference: null,
      });
    });
  });

  describe('when blocked with open orders', () => {
    it('shows the block reason and counts the open orders', () => {
      // Arrange
      const state = given([
        ...historyIn('blocked'),
        {
          type: 'customer.order_opened.v1',
          customerId,
          occurredAt: at(5).toISOString(),
          orderId: 'o-1',
        },
        {
          type: 'customer.order_opened.v1',
          customerId,
          occurredAt: at(6).toISOString(),
          orderId: 'o-2',
        },
      ])!;

      // Act
      const resource = toCustomerResource(state, 5);

      // Assert
      expect(resource).toMatchObject({
        blockedReason: 'chargebacks',
        openOrders: 2,
        version: 5,
        kyc: { status: 'approved', reference: 'kyc-42', reason: null },
        updatedAt: at(6).toISOString(),
      });
    });
  });

  describe('when read from a document', () => {
    it('takes the version from the document and matches the response schema', () => {
      // Arrange
      const document = toDocument(customerIn('active'), {
        version: 7,
        lastEvent: {
          id: `${customerId}:7`,
          type: 'customer.kyc_approved.v1',
          aggregateId: customerId,
          version: 7,
          time: at(1),
          data: {},
          actor: { sub: 'kyc', roles: ['service'] },
          commandId: 'c',
          correlationId: 'c',
        },
        processedCommands: [],
      });

      // Act
      const resource = customerDocumentToResource(document);

      // Assert
      expect(resource).toEqual(toCustomerResource(customerIn('active'), 7));
      expect(customerResourceSchema.parse(resource)).toEqual(resource);
    });
  });
});
