import type { RunningApp } from '@cqrs/framework-core';
import { createServiceRuntime } from '@cqrs/framework-core';
import { connectServiceMongo } from '@cqrs/framework-mongo';
import type { Config } from './config';
import { createOrderQueries } from './order-queries';
import { orderQueryRoutes } from './routes';

/**
 * orders-qryh: the orders reads over HTTP. It only reads: the `orders` collection and its
 * indexes belong to orders-cmdh, `order_history` and `order_stats` to orders-chgh.
 */
export async function start(
  config: Config,
  options: { installSignalHandlers?: boolean } = {},
): Promise<RunningApp<Config>> {
  const runtime = createServiceRuntime(config, options);
  const mongo = await connectServiceMongo(runtime);

  return runtime.serve({
    routes: orderQueryRoutes(createOrderQueries({ db: mongo.db })),
    readiness: { mongo: () => mongo.ping() },
  });
}
