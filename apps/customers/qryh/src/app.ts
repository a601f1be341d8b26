import type { ServiceRuntime } from '@cqrs/framework-core';
import { createServiceRuntime } from '@cqrs/framework-core';
import { connectMongo } from '@cqrs/framework-mongo';
import type { Config } from './config';
import { createCustomerQueries } from './customer-queries';
import { customerQueryRoutes } from './routes';

/** A started customers-qryh: where it listens, and how to stop it (tests stop it in-process). */
export interface RunningApp {
  readonly url: string;
  readonly runtime: ServiceRuntime<Config>;
  stop(): Promise<void>;
}

/**
 * customers-qryh: the customers reads over HTTP. It only reads: the `customers` collection and
 * its indexes belong to customers-cmdh, the `customer_history` trail to customers-chgh.
 */
export async function start(
  config: Config,
  options: { installSignalHandlers?: boolean } = {},
): Promise<RunningApp> {
  const runtime = createServiceRuntime(config, options);
  const { logger, lifecycle } = runtime;
  const mongo = await connectMongo({
    url: config.MONGO_URL,
    dbName: config.MONGO_DB,
    appName: config.SERVICE_NAME,
    logger,
  });
  lifecycle.onStop('mongo', () => mongo.close());

  const server = await runtime.serve({
    routes: customerQueryRoutes(createCustomerQueries({ db: mongo.db })),
    readiness: { mongo: () => mongo.ping() },
  });
  return { url: server.url, runtime, stop: () => lifecycle.stop('stop requested') };
}
