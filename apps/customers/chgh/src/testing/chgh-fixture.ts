import type { Db } from 'mongodb';
import { MongoClient } from 'mongodb';
import { parseConfig } from '@cqrs/framework-core';
import type { CheckpointDocument } from '@cqrs/framework-mongo';
import { TEST_JWT_SECRET, uniqueName } from '@cqrs/framework-core/testing';
import type { CustomerHistoryEntry } from '@cqrs/customers-shared';
import { customerHistoryCollection } from '@cqrs/customers-shared';
import type { RunningApp } from '@cqrs/framework-core';
import { start } from '../app';
import { configSchema } from '../config';

// Jest global setup points MONGO_URL at the running engine (or an external MongoDB).
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';

export const serviceName = 'customers-chgh';
/** The lease and checkpoint name every replica shares. */
export const streamName = `${serviceName}:customers`;

/** What `/readyz` answers. */
export interface ReadyzBody {
  ready: boolean;
  checks: Record<string, boolean>;
  stopping: boolean;
}

/**
 * A database of its own for one test, and replicas of customers-chgh started in-process on it
 * (through the same config parsing as `main`). `close` stops the replicas still running and
 * drops the database.
 */
export async function chghFixture() {
  const dbName = uniqueName('chgh');
  const client = await new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 5_000 }).connect();
  const db: Db = client.db(dbName);
  const running = new Set<RunningApp>();

  async function startReplica(): Promise<RunningApp> {
    const config = parseConfig(configSchema, {
      SERVICE_NAME: serviceName,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      JWT_HS256_SECRET: TEST_JWT_SECRET,
      MONGO_URL: mongoUrl,
      MONGO_DB: dbName,
      // Short, so a standby takes over within a second or two of a clean stop.
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

  /** The customer's audit trail, oldest version first. */
  const historyOf = (customerId: string) =>
    db
      .collection<CustomerHistoryEntry>(customerHistoryCollection)
      .find({ aggregateId: customerId })
      .sort({ version: 1 })
      .toArray();

  /** Until a replica leads and its stream is open (writes before that are not seen). */
  const streamOpen = async () =>
    (await db.collection<CheckpointDocument>('checkpoints').countDocuments({ _id: streamName })) ===
    1;

  return {
    db,
    startReplica,
    stopReplica,
    historyOf,
    streamOpen,
    async close() {
      await Promise.all([...running].map((app) => stopReplica(app)));
      await db.dropDatabase();
      await client.close();
    },
  };
}

export async function readyz(app: RunningApp): Promise<{ status: number; body: ReadyzBody }> {
  const response = await fetch(`${app.url}/readyz`);
  return { status: response.status, body: (await response.json()) as ReadyzBody };
}

export async function metricsText(app: RunningApp): Promise<string> {
  return (await fetch(`${app.url}/metrics`)).text();
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
