import type { ApiRoute } from '@cqrs/framework-core';
import { parkedEventsRoutes } from '@cqrs/framework-event-handling';
import {
  holdCustomerOrdersRoute,
  recordCustomerStandingRoute,
  recordPaymentFailedRoute,
  recordPaymentSucceededRoute,
  releaseCustomerOrdersRoute,
} from './cmdh-internal-routes';
import { cancelOrderRoute, placeOrderRoute, shipOrderRoute } from './cmdh-routes';
import { ordersReadModelRoutes } from './chgh-routes';
import { paymentWebhookRoute } from './extevh-routes';
import { ordersWebhookRoutes } from './extevp-routes';
import {
  orderEventSnapshotRoutes,
  listOrderEventTypesRoute,
  replayOrderEventsRoute,
} from './evp-routes';
import {
  getCustomerOrderStatsRoute,
  getOrderRoute,
  listOrderHistoryRoute,
  listOrdersRoute,
} from './qryh-routes';
import { ordersServiceName } from '../service-name';

/**
 * Parked events of orders-evh (operators): `GET /orders/parked-events` (filtered), `.../groups`,
 * `POST .../{id}/replay`, `.../{id}/discard`, bulk replays under `.../replays`.
 */
export const ordersParkedEventsRoutes = parkedEventsRoutes(ordersServiceName);

/** The routes of the orders service, grouped by the app that serves them. */
export const ordersRoutes = {
  cmdh: [
    placeOrderRoute,
    cancelOrderRoute,
    shipOrderRoute,
    recordCustomerStandingRoute,
    holdCustomerOrdersRoute,
    releaseCustomerOrdersRoute,
    recordPaymentSucceededRoute,
    recordPaymentFailedRoute,
  ],
  qryh: [getOrderRoute, listOrdersRoute, listOrderHistoryRoute, getCustomerOrderStatsRoute],
  evp: [
    listOrderEventTypesRoute,
    replayOrderEventsRoute,
    ...Object.values(orderEventSnapshotRoutes),
  ],
  evh: Object.values(ordersParkedEventsRoutes),
  extevh: [paymentWebhookRoute],
  extevp: Object.values(ordersWebhookRoutes),
  chgh: [ordersReadModelRoutes.start, ordersReadModelRoutes.get, ordersReadModelRoutes.cancel],
} as const satisfies Partial<Record<ApiRoute['app'], readonly ApiRoute[]>>;
