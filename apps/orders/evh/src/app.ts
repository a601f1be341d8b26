import type { StartApp } from '@cqrs/framework-core';
import { startEventHandlingApp } from '@cqrs/framework-event-handling';
import { ordersParkedEventsRoutes } from '@cqrs/orders-shared';
import type { Config } from './config';
import { customerEventRoutes } from './event-routes';

/**
 * orders-evh: the customers events (`customers.events.v1`) -> orders-cmdh internal commands
 * recording each customer's standing and holding or releasing the customer's orders; what
 * cannot be handled is parked for operators to list and replay.
 */
export const start: StartApp<Config> = (config, options) =>
  startEventHandlingApp(
    config,
    { routes: customerEventRoutes, parkedRoutes: ordersParkedEventsRoutes },
    options,
  );
