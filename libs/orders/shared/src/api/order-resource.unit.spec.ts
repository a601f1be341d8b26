import { toOrderDocument } from '../persistence/order-document';
import { at, customerId, orderId, orderIn, sampleLines } from '../testing/order-fixtures';
import { orderDocumentToResource, orderResourceSchema, toOrderResource } from './order-resource';

describe('OrderResource', () => {
  describe('when placed', () => {
    it('shows every field, dates as ISO strings and what does not apply as null', () => {
      // Act
      const resource = toOrderResource(orderIn('placed'), 1);

      // Assert
      expect(resource).toEqual({
        id: orderId,
        customerId,
        status: 'placed',
        lines: sampleLines,
        currency: 'EUR',
        total: 2999,
        heldFrom: null,
        holdReason: null,
        cancelReason: null,
        payment: { reference: null, failureReason: null },
        version: 1,
        placedAt: '2025-03-01T09:00:00.000Z',
        updatedAt: '2025-03-01T09:00:00.000Z',
      });
    });
  });

  describe('when on hold from paid', () => {
    it('shows where a release returns to, the hold reason and the payment reference', () => {
      // Act
      const resource = toOrderResource(orderIn('on_hold from paid'), 3);

      // Assert
      expect(resource).toMatchObject({
        status: 'on_hold',
        heldFrom: 'paid',
        holdReason: 'customer_blocked',
        payment: { reference: 'pay-42' },
        updatedAt: at(2).toISOString(),
      });
    });
  });

  describe('when read from a document', () => {
    it('takes the version from the document and matches the response schema', () => {
      // Arrange
      const document = toOrderDocument(orderIn('paid'), {
        version: 7,
        lastEvent: {
          id: `${orderId}:7`,
          type: 'order.paid.v1',
          aggregateId: orderId,
          version: 7,
          time: at(1),
          data: {},
          actor: { sub: 'payments', roles: ['service'] },
          commandId: 'c',
          correlationId: 'c',
        },
        processedCommands: [],
      });

      // Act
      const resource = orderDocumentToResource(document);

      // Assert
      expect(resource).toEqual(toOrderResource(orderIn('paid'), 7));
      expect(orderResourceSchema.parse(resource)).toEqual(resource);
    });
  });
});
