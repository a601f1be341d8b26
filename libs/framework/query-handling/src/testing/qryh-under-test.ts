import type { Db } from 'mongodb';
import type { Actor, BaseConfig } from '@cqrs/framework-core';
import { createLogger } from '@cqrs/framework-core';
import type { TestedApp } from '@cqrs/framework-core/testing';
import { testToken } from '@cqrs/framework-core/testing';
import type { IndexDeclaration } from '@cqrs/framework-mongo';
import { applyIndexes } from '@cqrs/framework-mongo';
import type { AppOnTestDatabase } from '@cqrs/framework-mongo/testing';
import { appOnTestDatabase } from '@cqrs/framework-mongo/testing';

/** The data a service's `qryh` reads, as its writing apps (`cmdh`, `chgh`) keep it. */
export interface QryhData<S extends object> {
  /** The indexes the writing apps declare on it (they apply them in production). */
  readonly indexes: readonly IndexDeclaration[];
  /** Writes data the way the writing apps do, e.g. `{ seed, seedStats }`. */
  readonly seeders: (db: Db) => S;
  /** Who `get` asks as; any authenticated caller unless given. */
  readonly reader?: Actor;
}

/** A `qryh` on a database of its own: its seeders, and `get` as the reader. */
export type QryhUnderTest<C extends BaseConfig, S extends object> = AppOnTestDatabase<C> &
  S & {
    /** GET `path` with the reader's bearer token (unless `Authorization` is given). */
    get(path: string, headers?: Record<string, string>): Promise<Response>;
  };

/**
 * Starts the service's `qryh` in this process on a fresh database that has the indexes the
 * service's writing apps declare, with seeders that write like those apps (see `historySeeder`).
 */
export async function qryhUnderTest<C extends BaseConfig, S extends object>(
  app: TestedApp<C>,
  data: QryhData<S>,
): Promise<QryhUnderTest<C, S>> {
  const logger = createLogger({ name: 'indexes', level: 'silent' });
  const qryh = await appOnTestDatabase(app, {
    prepare: async (db) => {
      await applyIndexes(db, data.indexes, logger);
    },
  });
  const token = await testToken(data.reader ?? { sub: 'reader-1', roles: [] });
  return {
    ...qryh,
    ...data.seeders(qryh.db),
    get: (path, headers = {}) =>
      fetch(`${qryh.url}${path}`, { headers: { Authorization: `Bearer ${token}`, ...headers } }),
  };
}
