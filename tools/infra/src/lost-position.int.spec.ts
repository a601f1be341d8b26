import type { Db } from 'mongodb';
import { MongoClient } from 'mongodb';
import pino from 'pino';
import type {
  ChangeEvent,
  CheckpointDocument,
  HistoryLostInfo,
  HistoryLostPolicy,
} from '@cqrs/framework-mongo';
import { createChangeStreamSubscriber } from '@cqrs/framework-mongo';
import type { ThrowawayEngine } from './testing/throwaway-engine';
import { throwawayEngines } from './testing/throwaway-engine';

/**
 * The platform's change-stream subscriber against a real, tiny history (20 entries): what it
 * does when its checkpoint falls out (each policy), and how saving a quiet stream's position
 * keeps that from happening. The engine reports ChangeStreamHistoryLost (286) as MongoDB does.
 */
type Doc = { _id: string; n: number };
const engines = throwawayEngines();
let engine: ThrowawayEngine;
let client: MongoClient;
let db: Db;

beforeEach(async () => {
  engine = await engines.start('--oplog-max-entries', '20');
  client = new MongoClient(engine.url);
  db = client.db('app');
});
afterEach(async () => {
  await client.close();
  await engines.stopAll();
});

const waitFor = async (what: string, done: () => boolean | Promise<boolean>) => {
  const deadline = Date.now() + 15_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** Writes `count` documents into another collection: history moves on, `docs` stays quiet. */
const noise = async (count: number) => {
  for (let i = 0; i < count; i++) await db.collection('noise').insertOne({ n: i });
};

function subscriber(
  options: {
    historyLost?: HistoryLostPolicy;
    idleCheckpointMs?: number;
    snapshot?: (documents: Doc[]) => Promise<void>;
  } = {},
) {
  const handled: string[] = [];
  const lost: HistoryLostInfo[] = [];
  const created = createChangeStreamSubscriber<Doc>({
    db,
    collection: 'docs',
    name: 'docs-follower',
    handle: (batch: ChangeEvent<Doc>[]) => {
      handled.push(...batch.map((change) => change.fullDocument._id));
      return Promise.resolve();
    },
    logger: pino({ level: 'silent' }),
    backoff: { initialMs: 20, maxMs: 200 },
    maxAwaitTimeMS: 100,
    idleCheckpointMs: options.idleCheckpointMs ?? 3_600_000,
    onHistoryLost: (info) => lost.push(info),
    ...(options.historyLost && { historyLost: options.historyLost }),
    ...(options.snapshot && { snapshot: options.snapshot }),
  });
  return { subscriber: created, handled, lost };
}

const checkpoint = async () => {
  const saved = await db
    .collection<CheckpointDocument>('checkpoints')
    .findOne({ _id: 'docs-follower' });
  return JSON.stringify(saved?.token);
};

/** A subscriber that saved its position, then was stopped while 50 other writes went by. */
async function positionLostWhileStopped(): Promise<void> {
  const first = subscriber();
  await first.subscriber.start();
  await db.collection<Doc>('docs').insertOne({ _id: 'before', n: 0 });
  await waitFor('the first write is handled', () => first.handled.length === 1);
  await first.subscriber.stop();
  await noise(50);
}

describe('change-stream subscriber on a lost position', () => {
  it('fail: keeps failing, counted and reported, and handles nothing until someone decides', async () => {
    await positionLostWhileStopped();
    const { subscriber: stuck, handled, lost } = subscriber({ historyLost: 'fail' });
    await stuck.start();
    await db.collection<Doc>('docs').insertOne({ _id: 'after', n: 1 });
    await waitFor('the loss is reported twice (it keeps retrying)', () => lost.length >= 2);
    await stuck.stop();

    expect(lost[0]).toMatchObject({ name: 'docs-follower', policy: 'fail' });
    expect(lost[0]?.checkpointAt).toBeInstanceOf(Date);
    expect(handled).toEqual([]);
  });

  it('now: accepts the gap once and follows the writes from then on', async () => {
    await positionLostWhileStopped();
    const missed = { _id: 'missed', n: 1 };
    await db.collection<Doc>('docs').insertOne(missed);
    await noise(30);
    const stale = await checkpoint();
    const { subscriber: recovering, handled, lost } = subscriber({ historyLost: 'now' });
    await recovering.start();
    await waitFor('the loss is reported', () => lost.length === 1);
    // "Now" is when the new position is saved: only writes after that are followed.
    await waitFor('a new position is saved', async () => (await checkpoint()) !== stale);
    await db.collection<Doc>('docs').insertOne({ _id: 'after', n: 2 });
    await waitFor('the next write is handled', () => handled.includes('after'));
    await recovering.stop();

    expect(lost).toHaveLength(1);
    expect(handled).toEqual(['after']);
  });

  it('snapshot: hands over the current documents, then follows the writes from then on', async () => {
    await positionLostWhileStopped();
    await db.collection<Doc>('docs').insertOne({ _id: 'missed', n: 1 });
    await noise(30);
    const snapshotted: string[] = [];
    const {
      subscriber: recovering,
      handled,
      lost,
    } = subscriber({
      historyLost: 'snapshot',
      snapshot: (documents) => {
        snapshotted.push(...documents.map((d) => d._id));
        return Promise.resolve();
      },
    });
    await recovering.start();
    await waitFor('the snapshot is taken', () => snapshotted.length === 2);
    await db.collection<Doc>('docs').insertOne({ _id: 'after', n: 2 });
    await waitFor('the next write is handled', () => handled.includes('after'));
    await recovering.stop();

    expect(lost).toEqual([expect.objectContaining({ policy: 'snapshot' })]);
    expect(snapshotted.sort()).toEqual(['before', 'missed']);
    expect(handled).toEqual(['after']);
  });

  it('a quiet stream that saves its position while others write does not lose it', async () => {
    const { subscriber: quiet, lost } = subscriber({ idleCheckpointMs: 100, historyLost: 'fail' });
    await quiet.start();
    // Slowly enough that the subscriber's idle waits see the history move.
    for (let i = 0; i < 10; i++) {
      await noise(5);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await quiet.stop();
    await noise(5);

    const { subscriber: restarted, handled, lost: lostAfter } = subscriber({ historyLost: 'fail' });
    await restarted.start();
    await db.collection<Doc>('docs').insertOne({ _id: 'after', n: 1 });
    await waitFor('the write is handled', () => handled.includes('after'));
    await restarted.stop();

    expect([...lost, ...lostAfter]).toEqual([]);
    expect(handled).toEqual(['after']);
  });
});
