import { Writable } from 'node:stream';
import pino from 'pino';
import type { VersionedDocument } from '@cqrs/framework-command-handling';
import type { TestDatabase } from '@cqrs/framework-mongo/testing';
import { testDatabase } from '@cqrs/framework-mongo/testing';
import { createAuditTrail } from './audit-trail';

const documentAt = (id: string, version: number, status: string) =>
  ({
    _id: id,
    version,
    status,
    lastEvent: {
      id: `${id}:${version}`,
      type: 'customer.blocked.v1',
      aggregateId: id,
      version,
      time: new Date('2026-01-02T03:04:05Z'),
      data: {},
      actor: { sub: 'rita', roles: ['risk'] },
      commandId: `cmd-${version}`,
      correlationId: 'corr-1',
    },
    processedCommands: [],
  }) as VersionedDocument;

describe('the audit trail', () => {
  let database: TestDatabase;
  const warnings: string[] = [];
  const logger = pino(
    { level: 'warn' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        warnings.push((JSON.parse(chunk.toString()) as { msg: string }).msg);
        done();
      },
    }),
  );

  beforeEach(async () => {
    database = await testDatabase('audit-trail');
    warnings.length = 0;
  });
  afterEach(() => database.drop());

  const trail = () => createAuditTrail({ db: database.db, collection: 'history', logger });

  it('records a snapshot version with its full state, quietly: its past predates the trail', async () => {
    await trail().record(
      [documentAt('c1', 3, 'blocked'), documentAt('c2', 1, 'active')],
      'snapshot',
    );
    await trail().record([documentAt('c1', 4, 'active')], 'stream');

    const entries = await trail()
      .collection.find({}, { sort: { _id: 1 } })
      .toArray();
    expect(entries.map((e) => [e._id, e.patch])).toEqual([
      [
        'c1:3',
        [
          { op: 'add', path: '/id', value: 'c1' },
          { op: 'add', path: '/status', value: 'blocked' },
        ],
      ],
      ['c1:4', [{ op: 'replace', path: '/status', value: 'active' }]],
      [
        'c2:1',
        [
          { op: 'add', path: '/id', value: 'c2' },
          { op: 'add', path: '/status', value: 'active' },
        ],
      ],
    ]);
    expect(warnings).toEqual([]);
  });

  it('warns of a version from the stream whose previous one is not in the trail', async () => {
    await trail().record([documentAt('c1', 3, 'blocked')], 'stream');

    expect(warnings).toEqual([
      'previous version not in the audit trail; recording the full state as the patch',
    ]);
  });
});
