import type { ApiRoute } from '@cqrs/framework-core';
import { parkedEventsRoutes } from '@cqrs/framework-event-handling';
import {
  approveKycRoute,
  recordOrderClosedRoute,
  recordOrderOpenedRoute,
  rejectKycRoute,
} from './cmdh-internal-routes';
import {
  blockCustomerRoute,
  closeCustomerRoute,
  registerCustomerRoute,
  unblockCustomerRoute,
  updateContactDetailsRoute,
} from './cmdh-routes';
import { kycWebhookRoute } from './extevh-routes';
import { customersWebhookRoutes } from './extevp-routes';
import {
  customerEventSnapshotRoutes,
  listCustomerEventTypesRoute,
  replayCustomerEventsRoute,
} from './evp-routes';
import { getCustomerRoute, listCustomerHistoryRoute, listCustomersRoute } from './qryh-routes';
import { customersServiceName } from '../service-name';

/**
 * Parked events of customers-evh (operators): `GET /customers/parked-events` (filtered), `.../groups`,
 * `POST .../{id}/replay`, `.../{id}/discard`, bulk replays under `.../replays`.
 */
export const customersParkedEventsRoutes = parkedEventsRoutes(customersServiceName);

/** The routes of the customers service, grouped by the app that serves them. */
export const customersRoutes = {
  cmdh: [
    registerCustomerRoute,
    updateContactDetailsRoute,
    blockCustomerRoute,
    unblockCustomerRoute,
    closeCustomerRoute,
    approveKycRoute,
    rejectKycRoute,
    recordOrderOpenedRoute,
    recordOrderClosedRoute,
  ],
  qryh: [getCustomerRoute, listCustomersRoute, listCustomerHistoryRoute],
  evp: [
    listCustomerEventTypesRoute,
    replayCustomerEventsRoute,
    ...Object.values(customerEventSnapshotRoutes),
  ],
  evh: Object.values(customersParkedEventsRoutes),
  extevh: [kycWebhookRoute],
  extevp: Object.values(customersWebhookRoutes),
} as const satisfies Partial<Record<ApiRoute['app'], readonly ApiRoute[]>>;
