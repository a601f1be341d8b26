import type { VersionedDocument } from '@cqrs/framework-command-handling';
import { auditEntryFor, stateOf } from './audit-entry';

const documentAt = (version: number, fields: Record<string, unknown>) =>
  ({
    _id: 'c1',
    version,
    ...fields,
    lastEvent: {
      id: `c1:${version}`,
      type: 'customer.blocked.v1',
      aggregateId: 'c1',
      version,
      time: new Date('2026-01-02T03:04:05Z'),
      data: {},
      actor: { sub: 'rita', roles: ['risk'] },
      commandId: 'cmd-9',
      correlationId: 'corr-1',
    },
    processedCommands: [{ commandId: 'cmd-9', fingerprint: 'f', version, status: 200, body: {} }],
  }) as VersionedDocument;

describe('audit entries', () => {
  it('records who, which command and the RFC 6902 patch from the previous version', () => {
    const before = stateOf(documentAt(1, { status: 'active', name: 'Ann' }));

    const entry = auditEntryFor(
      documentAt(2, { status: 'blocked', name: 'Ann', blockedReason: 'fraud' }),
      before,
    );

    expect(entry).toMatchObject({
      _id: 'c1:2',
      aggregateId: 'c1',
      version: 2,
      eventId: 'c1:2',
      eventType: 'customer.blocked.v1',
      actor: { sub: 'rita', roles: ['risk'] },
      commandId: 'cmd-9',
      correlationId: 'corr-1',
      time: new Date('2026-01-02T03:04:05Z'),
    });
    expect(entry.patch).toEqual(
      expect.arrayContaining([
        { op: 'replace', path: '/status', value: 'blocked' },
        { op: 'add', path: '/blockedReason', value: 'fraud' },
      ]),
    );
    expect(entry.patch).toHaveLength(2);
  });

  it('keeps bookkeeping out of the state and the patch', () => {
    const state = stateOf(
      documentAt(3, { status: 'active', since: new Date('2026-01-01T00:00:00Z') }),
    );

    expect(state).toEqual({ id: 'c1', status: 'active', since: '2026-01-01T00:00:00.000Z' });
  });

  it('patches from nothing for the first version', () => {
    const entry = auditEntryFor(documentAt(1, { status: 'pending_kyc' }), {});

    expect(entry.patch).toEqual([
      { op: 'add', path: '/id', value: 'c1' },
      { op: 'add', path: '/status', value: 'pending_kyc' },
    ]);
  });
});
