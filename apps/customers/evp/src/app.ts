import type { StartApp } from '@cqrs/framework-core';
import { startEventPublishingApp } from '@cqrs/framework-event-publishing';
import {
  customersService,
  listCustomerEventTypesRoute,
  replayCustomerEventsRoute,
  customerEventSnapshotRoutes,
  toEventCatalogResponse,
} from '@cqrs/customers-shared';
import type { Config } from './config';

/**
 * customers-evp: the customers change stream -> CloudEvents on `customers.events.v1` (one
 * active replica, the others on hot standby), plus the event catalog, replays and snapshots.
 */
export const start: StartApp<Config> = (config, options) =>
  startEventPublishingApp(
    config,
    {
      service: customersService,
      catalogRoute: listCustomerEventTypesRoute,
      replayRoute: replayCustomerEventsRoute,
      snapshotRoutes: customerEventSnapshotRoutes,
      catalog: toEventCatalogResponse,
    },
    options,
  );
