import { readModelRebuildRoutes } from '@cqrs/framework-change-handling';
import { orderStatsReadModel } from '../persistence/collections';
import { ordersServiceName } from '../service-name';

/**
 * Read-model rebuilds of orders-chgh (operators): `POST /orders/read-models/order-stats/rebuilds`
 * rebuilds `order_stats` into a new collection while the old one serves, then switches;
 * `GET .../{rebuildId}` follows it, `POST .../{rebuildId}/cancel` stops it.
 */
export const ordersReadModelRoutes = readModelRebuildRoutes(ordersServiceName, [
  orderStatsReadModel,
]);
