import { z } from 'zod';
import type { VersionedDocument } from '@cqrs/framework-command-handling';
import { auditEntryFor } from '../audit-entry';
import { historyEntrySchema } from './history-entry';
import { historyEntryResourceSchema, toHistoryEntryResource } from './history-resource';

const snapshotSchema = z.object({ id: z.string(), status: z.enum(['open', 'closed']) });
const entrySchema = historyEntrySchema(z.string(), snapshotSchema);
const resourceSchema = historyEntryResourceSchema(snapshotSchema, {
  exampleEventType: 'thing.closed.v1',
  state: 'The thing at this version',
});

const documentAt = (version: number, status: 'open' | 'closed', causationId?: string) =>
  ({
    _id: 't-1',
    status,
    version,
    lastEvent: {
      id: `t-1:${version}`,
      type: `thing.${status === 'open' ? 'opened' : 'closed'}.v1`,
      aggregateId: 't-1',
      version,
      time: new Date(Date.UTC(2026, 0, version)),
      data: {},
      actor: { sub: 'ann', roles: ['clerk'] },
      commandId: `cmd-${version}`,
      correlationId: 'corr-1',
      ...(causationId === undefined ? {} : { causationId }),
    },
    processedCommands: [],
  }) as VersionedDocument;

describe('history entries', () => {
  // What chgh writes with the audit trail must be what the history schemas read.
  const first = auditEntryFor(documentAt(1, 'open'), {});
  const second = auditEntryFor(documentAt(2, 'closed', 'event-7'), first.state);

  it('read back what the audit trail wrote', () => {
    expect(entrySchema.safeParse(first).error).toBeUndefined();
    expect(entrySchema.safeParse(second).error).toBeUndefined();
  });

  it('refuse a state that is not the aggregate snapshot', () => {
    expect(entrySchema.safeParse({ ...second, state: { id: 't-1' } }).success).toBe(false);
  });

  it('show as a resource with ISO time, the patch and the snapshot', () => {
    const resource = toHistoryEntryResource(entrySchema.parse(second));

    expect(resource).toEqual({
      version: 2,
      eventId: 't-1:2',
      eventType: 'thing.closed.v1',
      time: '2026-01-02T00:00:00.000Z',
      actor: { sub: 'ann', roles: ['clerk'] },
      commandId: 'cmd-2',
      correlationId: 'corr-1',
      causationId: 'event-7',
      patch: [{ op: 'replace', path: '/status', value: 'closed' }],
      state: { id: 't-1', status: 'closed' },
    });
    expect(resourceSchema.safeParse(resource).error).toBeUndefined();
  });

  it('show a missing causation as null', () => {
    expect(toHistoryEntryResource(entrySchema.parse(first)).causationId).toBeNull();
  });

  it('describe the event type and state with the aggregate', () => {
    const json = z.toJSONSchema(resourceSchema) as {
      properties: Record<string, { description?: string }>;
    };

    expect(json.properties['eventType']?.description).toBe('e.g. thing.closed.v1');
    expect(json.properties['state']?.description).toBe('The thing at this version');
  });
});
