import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { MongoClient } from 'mongodb';
import pino from 'pino';

// Jest global setup points MONGO_URL at the running engine (or an external MongoDB).
const url = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';

/** Logs nothing; tests that care about logs build their own. */
export const silentLogger = pino({ level: 'silent' });

/** A client of its own and a database no other test uses; `drop` removes both. */
export async function testDatabase(): Promise<{
  client: MongoClient;
  db: Db;
  url: string;
  drop(): Promise<void>;
}> {
  const client = await new MongoClient(url, { serverSelectionTimeoutMS: 5_000 }).connect();
  const db = client.db(`test-${randomUUID().slice(0, 8)}`);
  return {
    client,
    db,
    url,
    async drop() {
      await db.dropDatabase();
      await client.close();
    },
  };
}

/** Polls `condition` until it holds; fails with `what` after a generous `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
