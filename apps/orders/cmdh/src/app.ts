import type { RunningApp } from '@cqrs/framework-core';
import { createServiceRuntime } from '@cqrs/framework-core';
import { applyIndexes, connectServiceMongo, scheduleOnOneReplica } from '@cqrs/framework-mongo';
import { orderIndexes } from '@cqrs/orders-shared';
import type { Config } from './config';
import { createOrderCommands } from './order-commands';
import { orderCommandRoutes } from './routes';
import { unpaidOrdersJob } from './unpaid-orders';

/** orders-cmdh: the orders commands over HTTP, and the unpaid-order job (one replica). */
export async function start(
  config: Config,
  options: { installSignalHandlers?: boolean } = {},
): Promise<RunningApp<Config>> {
  const runtime = createServiceRuntime(config, options);
  const { logger, metrics } = runtime;
  const mongo = await connectServiceMongo(runtime);
  await applyIndexes(mongo.db, orderIndexes, logger);

  const commands = createOrderCommands({ db: mongo.db, logger, metrics });
  const cancelUnpaid = unpaidOrdersJob({
    db: mongo.db,
    commands,
    timeoutMs: config.UNPAID_ORDER_TIMEOUT_MS,
    logger: logger.child({ module: 'unpaid-orders' }),
  });
  scheduleOnOneReplica(runtime, mongo.db, {
    name: 'unpaid-orders',
    everyMs: config.UNPAID_ORDER_INTERVAL_MS,
    leaseTtlMs: config.UNPAID_ORDER_LEASE_TTL_MS,
    task: cancelUnpaid,
  });

  return runtime.serve({
    routes: orderCommandRoutes(commands),
    readiness: { mongo: () => mongo.ping() },
  });
}
