import { allCustomersRoutes } from '@cqrs/customers-shared';
import { allOrdersRoutes } from '@cqrs/orders-shared';
import type { ApiRoute } from '@cqrs/framework-core';

/**
 * Every service's route declarations, in the order their services are listed. Services add
 * their shared lib's routes here; only `public` ones end up in openapi.yaml.
 */
export const allRoutes: readonly ApiRoute[] = [...allCustomersRoutes, ...allOrdersRoutes];
