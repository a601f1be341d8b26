import type { VersionedDocument } from '@cqrs/framework-command-handling';
import { auditEntryFor } from '@cqrs/framework-change-handling';
import { customerHistoryEntrySchema } from '../persistence/customer-history-entry';
import { toDocument } from '../persistence/customer-document';
import { at, customerId, customerIn } from '../testing/customer-fixtures';
import {
  customerHistoryEntryResourceSchema,
  toCustomerHistoryEntryResource,
} from './customer-history';

const documentAt = (status: 'pending_kyc' | 'active', version: number): VersionedDocument =>
  toDocument(customerIn(status), {
    version,
    lastEvent: {
      id: `${customerId}:${version}`,
      type: version === 1 ? 'customer.registered.v1' : 'customer.kyc_approved.v1',
      aggregateId: customerId,
      version,
      time: at(version - 1),
      data: {},
      actor: { sub: 'kyc-webhooks', roles: ['service'] },
      commandId: `cmd-${version}`,
      correlationId: 'corr-1',
      ...(version === 2 ? { causationId: 'webhook-9' } : {}),
    },
    processedCommands: [],
  });

describe('CustomerHistoryEntry', () => {
  describe('when chgh records an approval', () => {
    // The entry chgh writes with the framework's audit trail must be what qryh can read.
    const first = auditEntryFor(documentAt('pending_kyc', 1), {});
    const entry = auditEntryFor(documentAt('active', 2), first.state);

    it('is a valid customer history entry', () => {
      // Act
      const parsed = customerHistoryEntrySchema.safeParse(entry);

      // Assert
      expect(parsed.error).toBeUndefined();
    });

    it('shows as a resource with the patch, the snapshot and ISO times', () => {
      // Act
      const resource = toCustomerHistoryEntryResource(customerHistoryEntrySchema.parse(entry));

      // Assert
      expect(resource).toMatchObject({
        version: 2,
        eventId: `${customerId}:2`,
        eventType: 'customer.kyc_approved.v1',
        time: at(1).toISOString(),
        actor: { sub: 'kyc-webhooks', roles: ['service'] },
        commandId: 'cmd-2',
        correlationId: 'corr-1',
        causationId: 'webhook-9',
        state: { status: 'active' },
      });
      expect(resource.patch).toContainEqual({ op: 'replace', path: '/status', value: 'active' });
      expect(customerHistoryEntryResourceSchema.safeParse(resource).success).toBe(true);
    });
  });
});
