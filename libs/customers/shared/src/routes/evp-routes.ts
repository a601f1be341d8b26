import { publishingRoutes } from '@cqrs/framework-event-publishing';
import { eventCatalogResponseSchema } from '../api/event-admin';
import { customersServiceName } from '../service-name';

const routes = publishingRoutes(customersServiceName, 'customer', eventCatalogResponseSchema);

/** `GET /customers/events/types`: the event catalog with a JSON Schema per type. */
export const listCustomerEventTypesRoute = routes.catalog;

/**
 * `POST /customers/events/replays`: rewind a consumer group on `customers.events.v1` to a time,
 * so its members re-read every event since. Only while the group has no running members.
 */
export const replayCustomerEventsRoute = routes.replay;

/**
 * `POST /customers/events/snapshots` (with its progress and cancel): publish every customer's latest
 * event again, marked with the `snapshot` extension, e.g. for a new subscriber of the topic.
 */
export const customerEventSnapshotRoutes = routes.snapshot;
