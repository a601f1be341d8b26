import type { Doc } from '../testing/subscriber-fixture';
import { idOf, ids, subscriberFixture } from '../testing/subscriber-fixture';
import { MongoClient } from 'mongodb';
import { tcpProxy } from '../testing/tcp-proxy';
import { silentLogger, waitUntil } from '../testing/test-database';
import type { BatchInfo } from './change-event';
import { createChangeStreamSubscriber } from './change-stream-subscriber';

describe('ChangeStreamSubscriber', () => {
  let fixture: Awaited<ReturnType<typeof subscriberFixture>>;

  beforeEach(async () => {
    fixture = await subscriberFixture();
  });
  afterEach(() => fixture.cleanUp());

  it('hands every insert and replace to handle once, in commit order, in bounded batches', async () => {
    const { docs } = fixture;
    const handled: string[] = [];
    const batchSizes: number[] = [];
    const infos: BatchInfo[] = [];
    const sub = fixture.subscriber(
      (batch) => {
        batchSizes.push(batch.length);
        handled.push(...batch.map(idOf));
        return Promise.resolve();
      },
      (info) => infos.push(info),
    );
    await sub.start();

    await fixture.insert(1, 200);
    await docs.replaceOne({ _id: 'doc-7', version: 1 }, { version: 2 });
    await docs.updateOne({ _id: 'doc-8' }, { $set: { version: 9 } });
    await docs.deleteOne({ _id: 'doc-9' });
    await docs.insertOne({ _id: 'last', version: 1 });
    // onBatch reports a batch once it is checkpointed, i.e. after handle saw it.
    const reported = () => infos.reduce((sum, info) => sum + info.count, 0);
    await waitUntil(() => reported() >= 202, 'every batch is reported');

    expect(handled).toEqual([...ids(1, 200), 'doc-7@2', 'last@1']);
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(25);
    expect(reported()).toBe(202);
    expect(infos.at(-1)?.name).toBe('docs-publisher');
    expect(infos.at(-1)?.lastClusterTime).toBeInstanceOf(Date);
    expect(sub.isRunning()).toBe(true);
  });

  it('passes what a caller-given pipeline lets through instead', async () => {
    const { docs, db } = fixture;
    const operations: string[] = [];
    const deletes = fixture.track(
      createChangeStreamSubscriber({
        db,
        collection: 'docs',
        name: 'docs-deletes',
        pipeline: [{ $match: { operationType: 'delete' } }],
        handle: (batch) => {
          operations.push(...batch.map((e) => `${e.operationType}`));
          return Promise.resolve();
        },
        logger: silentLogger,
        maxAwaitTimeMS: 200,
      }),
    );
    await deletes.start();

    await fixture.insert(1, 3);
    await docs.deleteOne({ _id: 'doc-2' });
    await waitUntil(() => operations.length > 0, 'the delete is handled');

    expect(operations).toEqual(['delete']);
  });

  it('delivers a failed batch again and skips nothing', async () => {
    const attempts: { ids: string[]; ok: boolean }[] = [];
    const sub = fixture.subscriber((batch) => {
      const ok = attempts.length > 0;
      attempts.push({ ids: batch.map(idOf), ok });
      return ok ? Promise.resolve() : Promise.reject(new Error('broker down'));
    });
    await sub.start();

    await fixture.insert(1, 60);
    await waitUntil(
      () => attempts.filter((a) => a.ok).flatMap((a) => a.ids).length >= 60,
      'all 60 are handled',
    );

    const [failed, ...rest] = attempts;
    const delivered = rest.flatMap((a) => a.ids);
    expect(failed?.ok).toBe(false);
    expect(delivered.slice(0, failed?.ids.length)).toEqual(failed?.ids);
    expect(delivered).toEqual(ids(1, 60));
  });

  it('re-opens from the checkpoint after losing its connection, skipping nothing', async () => {
    const engine = new URL(fixture.url.replace('mongodb://', 'http://'));
    const proxy = await tcpProxy({ host: engine.hostname, port: Number(engine.port) });
    const client = await new MongoClient(`mongodb://127.0.0.1:${proxy.port}/`, {
      directConnection: true,
      serverSelectionTimeoutMS: 500,
    }).connect();
    const handled: string[] = [];
    let acknowledged = 0;
    const sub = fixture.track(
      createChangeStreamSubscriber<Doc>({
        db: client.db(fixture.db.databaseName),
        collection: 'docs',
        name: 'docs-publisher',
        handle: (batch) => {
          handled.push(...batch.map(idOf));
          return Promise.resolve();
        },
        onBatch: ({ count }) => (acknowledged += count),
        logger: silentLogger,
        backoff: { initialMs: 50, maxMs: 500 },
        maxAwaitTimeMS: 200,
      }),
    );
    await sub.start();
    await fixture.insert(1, 20);
    await waitUntil(() => acknowledged === 20, 'the first 20 are acknowledged');

    proxy.cut();
    await fixture.insert(21, 40);
    proxy.heal();
    await fixture.insert(41, 50);
    await waitUntil(() => handled.includes('doc-50@1'), 'the subscriber caught up');

    expect([...new Set(handled)]).toEqual(ids(1, 50));
    await sub.stop();
    await client.close();
    await proxy.close();
  });

  it('knows how far it caught up: it follows an idle stream and stands still while stalled', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let handling = false;
    const sub = fixture.subscriber(async () => {
      handling = true;
      await gate;
    });
    expect(sub.caughtUpTo()).toBeUndefined();
    await sub.start();
    const idleAt = sub.caughtUpTo();
    expect(idleAt).toBeInstanceOf(Date);
    await waitUntil(() => (sub.caughtUpTo() ?? 0) > (idleAt ?? 0), 'an empty wait moves it on');

    await fixture.insert(1, 1);
    await waitUntil(() => handling, 'the handler is stuck on the write');
    const stalledAt = sub.caughtUpTo();
    // Several await times pass without an empty wait: the stream is behind, not idle.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(sub.caughtUpTo()).toEqual(stalledAt);

    release();
    await waitUntil(() => (sub.caughtUpTo() ?? 0) > (stalledAt ?? 0), 'it catches up again');
    await sub.stop();
    expect(sub.caughtUpTo()).toBeUndefined();
  });
});
