import { publishingRoutes } from '@cqrs/framework-event-publishing';
import { eventCatalogResponseSchema } from '../api/event-admin';
import { ordersServiceName } from '../service-name';

const routes = publishingRoutes(ordersServiceName, 'order', eventCatalogResponseSchema);

/** `GET /orders/events/types`: the event catalog with a JSON Schema per type. */
export const listOrderEventTypesRoute = routes.catalog;

/**
 * `POST /orders/events/replays`: rewind a consumer group on `orders.events.v1` to a time, so its
 * members re-read every event since. Only while the group has no running members.
 */
export const replayOrderEventsRoute = routes.replay;

/**
 * `POST /orders/events/snapshots` (with its progress and cancel): publish every order's latest
 * event again, marked with the `snapshot` extension, e.g. for a new subscriber of the topic.
 */
export const orderEventSnapshotRoutes = routes.snapshot;
