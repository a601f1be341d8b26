import { customersService } from '@cqrs/customers-shared';
import { ordersService } from '@cqrs/orders-shared';
import type { ApiRoute, ServiceDescriptor } from '@cqrs/framework-core';

/**
 * The registry of services, each as its shared lib declares it (`defineService`):
 * `openapi.yaml`, the gateway (`npm start` and the cluster's HTTPRoutes) and the deploy tool
 * read their routes from here. A new service is one entry.
 */
export const workspaceServices: readonly ServiceDescriptor[] = [customersService, ordersService];

/**
 * Every service's route declarations, in the order of the registry; only `public` ones are
 * served through the gateway and end up in openapi.yaml.
 */
export const allRoutes: readonly ApiRoute[] = workspaceServices.flatMap(
  (service) => service.allRoutes,
);
