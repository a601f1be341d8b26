import type { Db } from 'mongodb';
import { MongoClient } from 'mongodb';
import pino from 'pino';
import { testMongoUrl, uniqueName } from '@cqrs/framework-core/testing';

export { waitUntil } from '@cqrs/framework-core/testing';

/** Logs nothing; tests that care about logs build their own. */
export const silentLogger = pino({ level: 'silent' });

/** A database no other test uses, read with a client of its own. */
export interface TestDatabase {
  readonly client: MongoClient;
  readonly db: Db;
  /** The database name, e.g. `customers-cmdh-3f9a1c2b`: what an app under test gets as `MONGO_DB`. */
  readonly name: string;
  readonly url: string;
  /** Drops the database and closes the client. */
  readonly drop: () => Promise<void>;
}

/** Connects to the test MongoDB and picks a fresh database named after `prefix`. */
export async function testDatabase(prefix = 'test'): Promise<TestDatabase> {
  const client = await new MongoClient(testMongoUrl, { serverSelectionTimeoutMS: 5_000 }).connect();
  const name = uniqueName(prefix);
  const db = client.db(name);
  return {
    client,
    db,
    name,
    url: testMongoUrl,
    async drop() {
      try {
        await db.dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}
