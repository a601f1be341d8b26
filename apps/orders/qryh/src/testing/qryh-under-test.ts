import { MongoClient } from 'mongodb';
import { auditTrailIndexes } from '@cqrs/framework-change-handling';
import { createLogger } from '@cqrs/framework-core';
import { TEST_JWT_SECRET, testToken, uniqueName } from '@cqrs/framework-core/testing';
import { applyIndexes } from '@cqrs/framework-mongo';
import { orderHistoryCollection, orderIndexes } from '@cqrs/orders-shared';
import type { RunningApp } from '@cqrs/framework-core';
import { start } from '../app';
import { configSchema } from '../config';
import { orderSeeder } from './order-seed';

// Jest global setup points MONGO_URL at the running engine.
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';

/**
 * orders-qryh started in-process on a database of its own, with the indexes orders-cmdh and
 * orders-chgh declare, a seeder that writes like they do, and an authenticated `get`.
 */
export async function startQryh() {
  const dbName = uniqueName('orders-qryh');
  const client = await new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 5_000 }).connect();
  const db = client.db(dbName);
  await applyIndexes(
    db,
    [...orderIndexes, ...auditTrailIndexes(orderHistoryCollection)],
    createLogger({ name: 'indexes', level: 'silent' }),
  );
  let app: RunningApp | undefined;
  try {
    app = await start(
      configSchema.parse({
        SERVICE_NAME: 'orders-qryh',
        HOST: '127.0.0.1',
        PORT: 0,
        LOG_LEVEL: 'silent',
        MONGO_URL: mongoUrl,
        MONGO_DB: dbName,
        JWT_HS256_SECRET: TEST_JWT_SECRET,
      }),
      { installSignalHandlers: false },
    );
  } catch (error) {
    await db.dropDatabase();
    await client.close();
    throw error;
  }
  const running = app;
  const token = await testToken({ sub: 'reader-1', roles: ['customer'] });

  return {
    url: running.url,
    db,
    ...orderSeeder(db),
    /** GET `path` with a valid bearer token (unless `Authorization` is given). */
    get: (path: string, headers: Record<string, string> = {}) =>
      fetch(`${running.url}${path}`, { headers: { Authorization: `Bearer ${token}`, ...headers } }),
    async stop() {
      try {
        await running.stop();
      } finally {
        await db.dropDatabase();
        await client.close();
      }
    },
  };
}

export type QryhUnderTest = Awaited<ReturnType<typeof startQryh>>;
