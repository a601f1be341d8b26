import { AppError } from '@cqrs/framework-core';
import type { Db } from 'mongodb';
import { MongoClient, MongoError } from 'mongodb';
import { applyIndexes } from '@cqrs/framework-mongo';
import { silentLogger, tcpProxy, testDatabase } from '@cqrs/framework-mongo/testing';
import { recordProcessed } from './processed-commands';
import type { SampleDocument } from './testing/sample-document';
import { sampleDocument } from './testing/sample-document';
import type { VersionedRepository } from './versioned-repository';
import { createVersionedRepository } from './versioned-repository';

describe('VersionedRepository', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let db: Db;
  let repository: VersionedRepository<SampleDocument>;

  beforeEach(async () => {
    database = await testDatabase();
    db = database.db;
    await applyIndexes(
      db,
      [{ collection: 'samples', key: { email: 1 }, name: 'email_unique', unique: true }],
      silentLogger,
    );
    repository = createVersionedRepository<SampleDocument>(db, 'samples');
  });
  afterEach(() => database.drop());

  describe('insert', () => {
    it('stores the document as given', async () => {
      const doc = sampleDocument('c1', 1);

      await repository.insert(doc);

      expect(await repository.find('c1')).toEqual(doc);
      expect(await repository.find('unknown')).toBeNull();
    });

    it('refuses an id that exists with conflict / already_exists', async () => {
      await repository.insert(sampleDocument('c1', 1));

      const again = repository.insert(sampleDocument('c1', 1, { email: 'other@example.com' }));

      await expect(again).rejects.toBeInstanceOf(AppError);
      await expect(again).rejects.toMatchObject({
        code: 'conflict',
        retriable: false,
        details: { reason: 'already_exists', id: 'c1' },
      });
    });

    it('refuses a value taken on another unique index with conflict / duplicate and its name', async () => {
      await repository.insert(sampleDocument('c1', 1, { email: 'same@example.com' }));

      const clash = repository.insert(sampleDocument('c2', 1, { email: 'same@example.com' }));

      await expect(clash).rejects.toMatchObject({
        code: 'conflict',
        details: { reason: 'duplicate', index: 'email_unique' },
      });
      expect(await repository.find('c2')).toBeNull();
    });
  });

  describe('replace', () => {
    it('replaces the whole document when the version still matches', async () => {
      await repository.insert(sampleDocument('c1', 1));
      const next = sampleDocument('c1', 2, { state: 'blocked' });

      await repository.replace(next, 1);

      expect(await repository.find('c1')).toEqual(next);
    });

    it('refuses a stale expected version as a retriable conflict and writes nothing', async () => {
      await repository.insert(sampleDocument('c1', 1));
      await repository.replace(sampleDocument('c1', 2), 1);

      const stale = repository.replace(sampleDocument('c1', 2, { state: 'closed' }), 1);

      await expect(stale).rejects.toMatchObject({
        code: 'conflict',
        retriable: true,
        details: { reason: 'version_mismatch', expectedVersion: 1, actualVersion: 2 },
      });
      expect((await repository.find('c1'))?.state).toBe('active');
    });

    it('lets exactly one of two concurrent writers of the same version win', async () => {
      await repository.insert(sampleDocument('c1', 1));

      const results = await Promise.allSettled([
        repository.replace(sampleDocument('c1', 2, { state: 'blocked' }), 1),
        repository.replace(sampleDocument('c1', 2, { state: 'closed' }), 1),
      ]);

      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      expect((await repository.find('c1'))?.version).toBe(2);
    });

    it('refuses a document whose version does not follow the expected one', async () => {
      await repository.insert(sampleDocument('c1', 1));

      await expect(repository.replace(sampleDocument('c1', 3), 1)).rejects.toMatchObject({
        code: 'internal',
      });
    });
  });

  describe('findProcessed', () => {
    it('finds a command recorded in the document, and not one trimmed away', async () => {
      await repository.insert(sampleDocument('c1', 1));
      let doc = sampleDocument('c1', 1);
      for (let version = 2; version <= 4; version++) {
        const processedCommands = recordProcessed(
          doc.processedCommands,
          {
            commandId: `cmd-${version}`,
            fingerprint: 'f',
            version,
            status: 200,
            body: { version },
          },
          { max: 2 },
        );
        const next = { ...sampleDocument('c1', version), processedCommands };
        await repository.replace(next, version - 1);
        doc = next;
      }

      expect(await repository.findProcessed('c1', 'cmd-4')).toMatchObject({
        version: 4,
        body: { version: 4 },
      });
      expect(await repository.findProcessed('c1', 'cmd-2')).toBeUndefined();
      expect(await repository.findProcessed('unknown', 'cmd-4')).toBeUndefined();
    });
  });

  describe('when MongoDB becomes unreachable', () => {
    it('fails reads and writes with a retriable unavailable error that keeps the cause', async () => {
      const engine = new URL(database.url.replace('mongodb://', 'http://'));
      const proxy = await tcpProxy({ host: engine.hostname, port: Number(engine.port) });
      const client = await new MongoClient(`mongodb://127.0.0.1:${proxy.port}/`, {
        directConnection: true,
        serverSelectionTimeoutMS: 500,
      }).connect();
      const offline = createVersionedRepository<SampleDocument>(
        client.db(db.databaseName),
        'samples',
      );
      await offline.insert(sampleDocument('c1', 1));

      proxy.cut();
      const attempts = [() => offline.find('c1'), () => offline.insert(sampleDocument('c2', 1))];

      for (const attempt of attempts) {
        const failure: unknown = await attempt().catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(AppError);
        expect(failure).toMatchObject({ code: 'unavailable', retriable: true });
        expect((failure as AppError).cause).toBeInstanceOf(MongoError);
      }
      await client.close();
      await proxy.close();
    });
  });
});
