import type { ApiRoute } from '@cqrs/framework-core';
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
import { listCustomerEventTypesRoute, replayCustomerEventsRoute } from './evp-routes';
import { getCustomerRoute, listCustomerHistoryRoute, listCustomersRoute } from './qryh-routes';

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
  evp: [listCustomerEventTypesRoute, replayCustomerEventsRoute],
} as const satisfies Partial<Record<ApiRoute['app'], readonly ApiRoute[]>>;

/** Every route of the customers service (for the gateway and `openapi.yaml`). */
export const allCustomersRoutes: readonly ApiRoute[] = [
  ...customersRoutes.cmdh,
  ...customersRoutes.qryh,
  ...customersRoutes.evp,
];
