import type { Db } from 'mongodb';
import type { BaseConfig, BoundRoute, RunningApp, StartOptions } from '@cqrs/framework-core';
import { createServiceRuntime } from '@cqrs/framework-core';
import type { MongoConfig } from '@cqrs/framework-mongo';
import { connectServiceMongo } from '@cqrs/framework-mongo';

/**
 * A service's `qryh` app: its reads over HTTP. It only reads: its collections and their indexes
 * belong to the service's `cmdh` and `chgh`. Ready while MongoDB answers.
 */
export async function startQueryHandlingApp<C extends BaseConfig & MongoConfig>(
  config: C,
  spec: {
    /** GET -> query: the routes the app serves, over the service's database. */
    readonly routes: (db: Db) => readonly BoundRoute[];
  },
  options: StartOptions = {},
): Promise<RunningApp<C>> {
  const runtime = createServiceRuntime(config, options);
  const mongo = await connectServiceMongo(runtime);
  return runtime.serve({
    routes: spec.routes(mongo.db),
    readiness: { mongo: () => mongo.ping() },
  });
}
