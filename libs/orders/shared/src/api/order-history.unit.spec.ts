import type { VersionedDocument } from '@cqrs/framework-command-handling';
import { auditEntryFor } from '@cqrs/framework-change-handling';
import { orderHistoryEntrySchema } from '../persistence/order-history-entry';
import { toOrderDocument } from '../persistence/order-document';
import { at, orderId, orderIn } from '../testing/order-fixtures';
import { orderHistoryEntryResourceSchema, toOrderHistoryEntryResource } from './order-history';

const documentAt = (situation: 'placed' | 'paid', version: number): VersionedDocument =>
  toOrderDocument(orderIn(situation), {
    version,
    lastEvent: {
      id: `${orderId}:${version}`,
      type: version === 1 ? 'order.placed.v1' : 'order.paid.v1',
      aggregateId: orderId,
      version,
      time: at(version - 1),
      data: {},
      actor: { sub: 'payment-webhooks', roles: ['service'] },
      commandId: `cmd-${version}`,
      correlationId: 'corr-1',
      ...(version === 2 ? { causationId: 'webhook-9' } : {}),
    },
    processedCommands: [],
  });

describe('OrderHistoryEntry', () => {
  describe('when chgh records a payment', () => {
    // The entry chgh writes with the framework's audit trail must be what qryh can read.
    const first = auditEntryFor(documentAt('placed', 1), {});
    const entry = auditEntryFor(documentAt('paid', 2), first.state);

    it('is a valid order history entry', () => {
      // Act
      const parsed = orderHistoryEntrySchema.safeParse(entry);

      // Assert
      expect(parsed.error).toBeUndefined();
    });

    it('shows as a resource with the patch, the snapshot and ISO times', () => {
      // Act
      const resource = toOrderHistoryEntryResource(orderHistoryEntrySchema.parse(entry));

      // Assert
      expect(resource).toMatchObject({
        version: 2,
        eventId: `${orderId}:2`,
        eventType: 'order.paid.v1',
        time: at(1).toISOString(),
        causationId: 'webhook-9',
        state: { status: 'paid', payment: { reference: 'pay-42' } },
      });
      expect(resource.patch).toContainEqual({ op: 'replace', path: '/status', value: 'paid' });
      expect(resource.patch).toContainEqual({
        op: 'replace',
        path: '/payment/reference',
        value: 'pay-42',
      });
      expect(orderHistoryEntryResourceSchema.safeParse(resource).success).toBe(true);
    });
  });
});
