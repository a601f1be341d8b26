import type { StartApp } from '@cqrs/framework-core';
import { startQueryHandlingApp } from '@cqrs/framework-query-handling';
import type { Config } from './config';
import { createCustomerQueries } from './customer-queries';
import { customerQueryRoutes } from './routes';

/**
 * customers-qryh: the customers reads over HTTP. It only reads: the `customers` collection and
 * its indexes belong to customers-cmdh, the `customer_history` trail to customers-chgh.
 */
export const start: StartApp<Config> = (config, options) =>
  startQueryHandlingApp(
    config,
    { routes: (db) => customerQueryRoutes(createCustomerQueries({ db })) },
    options,
  );
