import { z } from 'zod';
import { documentMapping } from './document-mapping';
import type { DocumentMeta } from './document-mapping';

const thingSchema = z.object({
  thingId: z.string(),
  status: z.enum(['open', 'closed']),
  openedAt: z.date(),
});

const meta: DocumentMeta = {
  version: 2,
  lastEvent: {
    id: 't-1:2',
    type: 'thing.closed.v1',
    aggregateId: 't-1',
    version: 2,
    time: new Date('2026-01-02T03:04:05Z'),
    data: {},
    actor: { sub: 'ann', roles: [] },
    commandId: 'cmd-2',
    correlationId: 'corr-2',
  },
  processedCommands: [{ commandId: 'cmd-2', fingerprint: 'f', version: 2, status: 200, body: {} }],
};

const state = { thingId: 't-1', status: 'closed', openedAt: new Date('2026-01-01') } as const;

describe('documentMapping', () => {
  const { toDocument, fromDocument } = documentMapping(thingSchema, 'thingId');

  it('stores the id field as _id, next to the bookkeeping', () => {
    const document = toDocument(state, meta);

    expect(document).toEqual({
      _id: 't-1',
      status: 'closed',
      openedAt: state.openedAt,
      version: 2,
      lastEvent: meta.lastEvent,
      processedCommands: meta.processedCommands,
    });
  });

  it('reads the same state back, without the bookkeeping', () => {
    expect(fromDocument(toDocument(state, meta))).toEqual(state);
  });

  it('refuses a document that no longer matches the state schema', () => {
    const document = { ...toDocument(state, meta), status: 'archived' };

    expect(() => fromDocument(document as never)).toThrow(/status/);
  });
});
