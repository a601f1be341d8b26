import type { VersionedDocument } from '@cqrs/framework-command-handling';
import { checkAuditTrail } from './audit-trail';

const document = (version: number, fields: Record<string, unknown>): VersionedDocument =>
  ({
    _id: 'c1',
    version,
    lastEvent: {},
    processedCommands: [],
    ...fields,
  }) as unknown as VersionedDocument;

const trail = [
  {
    aggregateId: 'c1',
    version: 1,
    patch: [
      { op: 'add' as const, path: '/id', value: 'c1' },
      { op: 'add' as const, path: '/status', value: 'pending_kyc' },
    ],
  },
  {
    aggregateId: 'c1',
    version: 2,
    patch: [{ op: 'replace' as const, path: '/status', value: 'active' }],
  },
];

describe('checkAuditTrail', () => {
  it('finds nothing when one entry per version replays to the current state', () => {
    // Act
    const drifts = checkAuditTrail('customers', [document(2, { status: 'active' })], trail);

    // Assert
    expect(drifts).toEqual([]);
  });

  it('reports a missing version', () => {
    // Act
    const drifts = checkAuditTrail('customers', [document(3, { status: 'active' })], trail);

    // Assert
    expect(drifts).toEqual([
      {
        service: 'customers',
        check: 'audit-trail',
        id: 'c1',
        detail: 'no history entry for version(s) 3 of 3',
      },
    ]);
  });

  it('reports a history that replays to another state', () => {
    // Act
    const drifts = checkAuditTrail('customers', [document(2, { status: 'blocked' })], trail);

    // Assert
    expect(drifts.map((d) => d.detail)).toEqual([
      'the history replays to a different state (replace /status)',
    ]);
  });

  it('reports the history of an aggregate the write model does not have', () => {
    // Act
    const drifts = checkAuditTrail('customers', [], trail);

    // Assert
    expect(drifts.map((d) => [d.id, d.detail])).toEqual([
      ['c1', '2 history entr(ies) of an aggregate the write model does not have'],
    ]);
  });
});
