import { allCustomersRoutes } from '@cqrs/customers-shared';
import { allOrdersRoutes } from '@cqrs/orders-shared';
import type { ApiRoute } from '@cqrs/framework-core';

/** A domain service as the workspace's tools know it. */
export interface WorkspaceService {
  /** `apps/<name>/*`, `libs/<name>/shared`, the database and the apps' name prefix. */
  readonly name: string;
  /** Every route its apps declare, public and internal. */
  readonly routes: readonly ApiRoute[];
}

/**
 * The registry of services: `openapi.yaml`, the gateway (`npm start` and the cluster's
 * HTTPRoutes) and the deploy tool read their routes from here. A new service is one entry.
 */
export const workspaceServices: readonly WorkspaceService[] = [
  { name: 'customers', routes: allCustomersRoutes },
  { name: 'orders', routes: allOrdersRoutes },
];

/** Every service's route declarations, in the order of the registry; only `public` ones are served through the gateway and end up in openapi.yaml. */
export const allRoutes: readonly ApiRoute[] = workspaceServices.flatMap(
  (service) => service.routes,
);
