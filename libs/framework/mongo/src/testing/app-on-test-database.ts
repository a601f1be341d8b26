import type { Db } from 'mongodb';
import type { BaseConfig, RunningApp } from '@cqrs/framework-core';
import type { TestedApp } from '@cqrs/framework-core/testing';
import { startInProcess, untilReady } from '@cqrs/framework-core/testing';
import { testDatabase } from './test-database';

/** One app started in-process on a database of its own; `stop` stops it and drops the database. */
export interface AppOnTestDatabase<C extends BaseConfig> {
  readonly app: RunningApp<C>;
  readonly url: string;
  readonly db: Db;
  readonly stop: () => Promise<void>;
}

/**
 * Starts `app` in this process on a fresh database (`MONGO_DB`), after `prepare` ran on it
 * (e.g. indexes another app of the service owns), and waits until it is ready; `env` adds to
 * the test environment.
 */
export async function appOnTestDatabase<C extends BaseConfig>(
  app: TestedApp<C>,
  options: {
    readonly env?: Readonly<Record<string, string>>;
    readonly prepare?: (db: Db) => Promise<void>;
  } = {},
): Promise<AppOnTestDatabase<C>> {
  const database = await testDatabase(app.service);
  let running: RunningApp<C>;
  try {
    await options.prepare?.(database.db);
    running = await startInProcess(app, { ...options.env, MONGO_DB: database.name });
  } catch (error) {
    await database.drop();
    throw error;
  }
  try {
    await untilReady(running);
  } catch (error) {
    await running.stop();
    await database.drop();
    throw error;
  }
  return {
    app: running,
    url: running.url,
    db: database.db,
    async stop() {
      try {
        await running.stop();
      } finally {
        await database.drop();
      }
    },
  };
}
