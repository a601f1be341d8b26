import type { Db } from 'mongodb';
import { MongoClient } from 'mongodb';
import type { RunningApp } from '@cqrs/framework-core';
import { TEST_JWT_SECRET, uniqueName } from '@cqrs/framework-core/testing';
import type { CheckpointDocument } from '@cqrs/framework-mongo';
import type { OrderHistoryEntry, OrderStats } from '@cqrs/orders-shared';
import { orderHistoryCollection, orderStatsCollection } from '@cqrs/orders-shared';
import { start } from '../app';
import { configSchema } from '../config';

const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';

export const serviceName = 'orders-chgh';
/** The lease and checkpoint name every replica shares. */
export const streamName = `${serviceName}:orders`;

/**
 * A database of its own for one test, and replicas of orders-chgh started in-process on it
 * (through the same config parsing as `main`). `close` stops the replicas still running and
 * drops the database.
 */
export async function chghFixture() {
  const client = await new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 5_000 }).connect();
  const db: Db = client.db(uniqueName('orders-chgh'));
  const running = new Set<RunningApp>();

  async function startReplica(): Promise<RunningApp> {
    const config = configSchema.parse({
      SERVICE_NAME: serviceName,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      JWT_HS256_SECRET: TEST_JWT_SECRET,
      MONGO_URL: mongoUrl,
      MONGO_DB: db.databaseName,
      LEASE_TTL_MS: '1500',
      BATCH_SIZE: '3',
    });
    const app = await start(config, { installSignalHandlers: false });
    running.add(app);
    return app;
  }

  async function stopReplica(app: RunningApp): Promise<void> {
    running.delete(app);
    await app.stop();
  }

  /** The order's audit trail, oldest version first. */
  const historyOf = (orderId: string) =>
    db
      .collection<OrderHistoryEntry>(orderHistoryCollection)
      .find({ aggregateId: orderId })
      .sort({ version: 1 })
      .toArray();

  const statsOf = (customerId: string) =>
    db.collection<OrderStats>(orderStatsCollection).findOne({ _id: customerId });

  /** Until a replica leads and its stream is open (writes before that are not seen). */
  const streamOpen = async () =>
    (await db.collection<CheckpointDocument>('checkpoints').countDocuments({ _id: streamName })) ===
    1;

  return {
    db,
    startReplica,
    stopReplica,
    historyOf,
    statsOf,
    streamOpen,
    async close() {
      await Promise.all([...running].map((app) => stopReplica(app)));
      await db.dropDatabase();
      await client.close();
    },
  };
}

/** Polls `condition` until it holds; fails naming `what` after a generous `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
