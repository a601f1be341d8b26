import type { StartApp } from '@cqrs/framework-core';
import { orderIndexes } from '@cqrs/orders-shared';
import { startCommandHandlingApp } from '@cqrs/framework-command-handling';
import type { Config } from './config';
import { createOrderCommands } from './order-commands';
import { orderCommandRoutes } from './routes';
import { unpaidOrdersJob } from './unpaid-orders';

/** orders-cmdh: the orders commands over HTTP, and the unpaid-order job (one replica). */
export const start: StartApp<Config> = (config, options) =>
  startCommandHandlingApp(
    config,
    {
      indexes: orderIndexes,
      commands: createOrderCommands,
      routes: orderCommandRoutes,
      jobs: [
        {
          name: 'unpaid-orders',
          everyMs: config.UNPAID_ORDER_INTERVAL_MS,
          leaseTtlMs: config.UNPAID_ORDER_LEASE_TTL_MS,
          task: (deps) => unpaidOrdersJob({ ...deps, timeoutMs: config.UNPAID_ORDER_TIMEOUT_MS }),
        },
      ],
    },
    options,
  );
