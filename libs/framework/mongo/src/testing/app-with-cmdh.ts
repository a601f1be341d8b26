import type { Db } from 'mongodb';
import type { BaseConfig, RunningApp } from '@cqrs/framework-core';
import type { SpawnedApp, TestedApp } from '@cqrs/framework-core/testing';
import {
  freePort,
  spawnApp,
  startInProcess,
  testAppEnv,
  testToken,
} from '@cqrs/framework-core/testing';
import { testDatabase } from './test-database';

/** A service's own `cmdh` as a process: its name and entry point. */
export interface CmdhProcess {
  readonly service: string;
  /** e.g. `apps/orders/cmdh/src/main.ts` */
  readonly main: string;
}

/**
 * The service's own `cmdh` by the layout of this repository: `<service>-cmdh` at
 * `apps/<service>/cmdh/src/main.ts`, `<service>` taken from `app`, e.g. `orders-evh`.
 */
export function ownCmdh(app: string): CmdhProcess {
  const service = /^([a-z][a-z0-9]*)-[a-z]+$/.exec(app)?.[1];
  if (service === undefined) throw new Error(`${app} is not named <service>-<role>`);
  return { service: `${service}-cmdh`, main: `apps/${service}/cmdh/src/main.ts` };
}

/** An app that sends commands, and the real `cmdh` it sends them to, on one database. */
export interface AppWithCmdh<C extends BaseConfig> {
  readonly app: RunningApp<C>;
  readonly cmdh: SpawnedApp;
  /** The database both apps use. */
  readonly db: Db;
  /** Stops both apps and drops the database. */
  readonly stop: () => Promise<void>;
}

/**
 * Starts the service's real `cmdh` as a process (so a test can stop and restart it) on a fresh
 * database, then `app` in this process on the same database, pointed at that `cmdh`
 * (`CMDH_URL`) with a service token (`SERVICE_TOKEN`); `env` adds to `app`'s environment.
 * What `evh` and `extevh` tests stand on.
 */
export async function appWithCmdh<C extends BaseConfig>(spec: {
  readonly app: TestedApp<C>;
  /** The `cmdh`; the service's own by default (see {@link ownCmdh}). */
  readonly cmdh?: CmdhProcess;
  readonly env?: Readonly<Record<string, string>>;
}): Promise<AppWithCmdh<C>> {
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopper of stoppers.splice(0).reverse()) await stopper();
  };
  try {
    const database = await testDatabase(spec.app.service);
    stoppers.push(() => database.drop());
    const { service, main } = spec.cmdh ?? ownCmdh(spec.app.service);
    const port = String(await freePort());
    const env = testAppEnv(service, { PORT: port, LOG_LEVEL: 'warn', MONGO_DB: database.name });
    const cmdh = spawnApp(main, env);
    stoppers.push(() => cmdh.stop());
    await cmdh.ready();

    const app = await startInProcess(spec.app, {
      MONGO_DB: database.name,
      CMDH_URL: cmdh.url,
      SERVICE_TOKEN: await testToken({ sub: spec.app.service, roles: ['service'] }),
      ...spec.env,
    });
    stoppers.push(() => app.stop());
    return { app, cmdh, db: database.db, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
