import type { StartApp } from '@cqrs/framework-core';
import { startEventPublishingApp } from '@cqrs/framework-event-publishing';
import {
  listOrderEventTypesRoute,
  ordersService,
  replayOrderEventsRoute,
  orderEventSnapshotRoutes,
  toEventCatalogResponse,
} from '@cqrs/orders-shared';
import type { Config } from './config';

/**
 * orders-evp: the orders change stream -> CloudEvents on `orders.events.v1` (one active
 * replica, the others on hot standby), plus the event catalog, replays and snapshots.
 */
export const start: StartApp<Config> = (config, options) =>
  startEventPublishingApp(
    config,
    {
      service: ordersService,
      catalogRoute: listOrderEventTypesRoute,
      replayRoute: replayOrderEventsRoute,
      snapshotRoutes: orderEventSnapshotRoutes,
      catalog: toEventCatalogResponse,
    },
    options,
  );
