import type { StoredEvent } from '@cqrs/framework-command-handling';
import { stateOf } from '@cqrs/framework-change-handling';
import { at, customerId, orderId, orderIn, orderSituations } from '../testing/order-fixtures';
import { customerStandingsCollection, orderIndexes, ordersCollection } from './collections';
import {
  fromCustomerStandingDocument,
  toCustomerStandingDocument,
} from './customer-standing-document';
import type { OrderDocumentMeta } from './order-document';
import { fromOrderDocument, toOrderDocument } from './order-document';
import { toOrderSnapshot } from './order-snapshot';

const lastEvent: StoredEvent = {
  id: `${orderId}:3`,
  type: 'order.put_on_hold.v1',
  aggregateId: orderId,
  version: 3,
  time: at(2),
  data: { orderId, customerId, occurredAt: at(2).toISOString(), reason: 'r', heldFrom: 'paid' },
  actor: { sub: 'orders-evh', roles: ['service'] },
  commandId: 'cmd-3',
  correlationId: 'corr-3',
};

const meta: OrderDocumentMeta = {
  version: 3,
  lastEvent,
  processedCommands: [{ commandId: 'cmd-3', fingerprint: 'f', version: 3, status: 200, body: {} }],
};

describe('OrderDocument', () => {
  describe('when written', () => {
    it('keys the document by order id and carries the bookkeeping', () => {
      // Act
      const document = toOrderDocument(orderIn('on_hold from paid'), meta);

      // Assert
      expect(document).toMatchObject({
        _id: orderId,
        customerId,
        status: 'on_hold',
        heldFrom: 'paid',
        version: 3,
        lastEvent,
        processedCommands: meta.processedCommands,
      });
      expect(document).not.toHaveProperty('id');
    });

    it('holds no undefined values (the driver would store them as null)', () => {
      // Act
      const document = toOrderDocument(orderIn('placed'), meta);

      // Assert
      expect(
        JSON.stringify(document, (_k, v: unknown) => (v === undefined ? '!undefined' : v)),
      ).not.toContain('!undefined');
    });
  });

  describe('when read back', () => {
    it.each(orderSituations)('gives the same %s state', (situation) => {
      // Arrange
      const state = orderIn(situation);

      // Act
      const read = fromOrderDocument(toOrderDocument(state, meta));

      // Assert
      expect(read).toEqual(state);
    });

    it('refuses a document that no longer matches the state schema', () => {
      // Arrange
      const document = { ...toOrderDocument(orderIn('paid'), meta), status: 'refunded' };

      // Act
      const act = () => fromOrderDocument(document as never);

      // Assert
      expect(act).toThrow(/status/);
    });
  });

  describe('when the audit trail snapshots it', () => {
    it.each(orderSituations)(
      'has the same JSON form as the framework derives (%s)',
      (situation) => {
        // Arrange
        const state = orderIn(situation);

        // Act
        const fromFramework = stateOf(toOrderDocument(state, meta));

        // Assert
        expect(toOrderSnapshot(state)).toEqual(fromFramework);
      },
    );
  });

  describe('indexes', () => {
    it('serve the customer hold/release, listings and the unpaid-order job, none unique', () => {
      // Act
      const byName = Object.fromEntries(orderIndexes.map((index) => [index.name, index]));

      // Assert
      expect(orderIndexes.every((index) => index.collection === ordersCollection)).toBe(true);
      expect(orderIndexes.some((index) => index.unique)).toBe(false);
      expect(Object.keys(byName['customer_status_id']?.key ?? {})).toEqual([
        'customerId',
        'status',
        '_id',
      ]);
      expect(Object.keys(byName['status_placed_at']?.key ?? {})).toEqual(['status', 'placedAt']);
      expect(Object.keys(byName['customer_id']?.key ?? {})).toEqual(['customerId', '_id']);
    });
  });
});

describe('CustomerStandingDocument', () => {
  it('keys the document by customer id and reads back the same state', () => {
    // Arrange
    const state = {
      customerId,
      standing: 'blocked' as const,
      lastCustomerVersion: 4,
      updatedAt: at(3),
    };

    // Act
    const document = toCustomerStandingDocument(state, meta);

    // Assert
    expect(customerStandingsCollection).toBe('customer_standings');
    expect(document).toMatchObject({ _id: customerId, standing: 'blocked', version: 3 });
    expect(document).not.toHaveProperty('customerId');
    expect(fromCustomerStandingDocument(document)).toEqual(state);
  });
});
