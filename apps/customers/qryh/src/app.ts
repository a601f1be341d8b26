import type { RunningApp } from '@cqrs/framework-core';
import { createServiceRuntime } from '@cqrs/framework-core';
import { connectServiceMongo } from '@cqrs/framework-mongo';
import type { Config } from './config';
import { createCustomerQueries } from './customer-queries';
import { customerQueryRoutes } from './routes';

/**
 * customers-qryh: the customers reads over HTTP. It only reads: the `customers` collection and
 * its indexes belong to customers-cmdh, the `customer_history` trail to customers-chgh.
 */
export async function start(
  config: Config,
  options: { installSignalHandlers?: boolean } = {},
): Promise<RunningApp<Config>> {
  const runtime = createServiceRuntime(config, options);
  const mongo = await connectServiceMongo(runtime);

  return runtime.serve({
    routes: customerQueryRoutes(createCustomerQueries({ db: mongo.db })),
    readiness: { mongo: () => mongo.ping() },
  });
}
