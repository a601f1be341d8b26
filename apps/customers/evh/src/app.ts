import type { StartApp } from '@cqrs/framework-core';
import { startEventHandlingApp } from '@cqrs/framework-event-handling';
import { customersParkedEventsRoutes } from '@cqrs/customers-shared';
import type { Config } from './config';
import { orderEventRoutes } from './event-routes';

/**
 * customers-evh: the orders events (`orders.events.v1`) -> customers-cmdh internal commands
 * recording the customers' open orders; what cannot be handled is parked for operators to list
 * and replay.
 */
export const start: StartApp<Config> = (config, options) =>
  startEventHandlingApp(
    config,
    { routes: orderEventRoutes, parkedRoutes: customersParkedEventsRoutes },
    options,
  );
