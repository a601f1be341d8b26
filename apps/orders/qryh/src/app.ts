import type { StartApp } from '@cqrs/framework-core';
import { startQueryHandlingApp } from '@cqrs/framework-query-handling';
import type { Config } from './config';
import { createOrderQueries } from './order-queries';
import { orderQueryRoutes } from './routes';

/**
 * orders-qryh: the orders reads over HTTP. It only reads: the `orders` collection and its
 * indexes belong to orders-cmdh, `order_history` and `order_stats` to orders-chgh.
 */
export const start: StartApp<Config> = (config, options) =>
  startQueryHandlingApp(
    config,
    { routes: (db) => orderQueryRoutes(createOrderQueries({ db })) },
    options,
  );
