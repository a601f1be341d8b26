import type { ApiRoute } from './api-route';

/**
 * Every service's route declarations, in the order their services are listed. Services add
 * their shared lib's routes here.
 */
export const allRoutes: readonly ApiRoute[] = [];
