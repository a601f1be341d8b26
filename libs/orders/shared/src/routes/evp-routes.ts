import { defineRoute } from '@cqrs/framework-core';
import {
  eventCatalogResponseSchema,
  replayEventsBodySchema,
  replayEventsResultSchema,
} from '../api/event-admin';
import { ordersService, problem, requestProblems, roleRequired } from './responses';

const events = {
  service: ordersService,
  app: 'evp',
  exposure: 'public',
  tags: ['order events'],
  auth: 'bearer',
} as const;

/** `GET /orders/events/types`: the event catalog with a JSON Schema per type. */
export const listOrderEventTypesRoute = defineRoute({
  ...events,
  method: 'get',
  path: '/orders/events/types',
  operationId: 'listOrderEventTypes',
  summary: 'List the event types the orders service publishes',
  responses: {
    200: { description: 'The event catalog', body: eventCatalogResponseSchema },
    401: requestProblems[401],
  },
});

/**
 * `POST /orders/events/replays`: rewind a consumer group on `orders.events.v1` to a time, so its
 * members re-read every event since. Only while the group has no running members.
 */
export const replayOrderEventsRoute = defineRoute({
  ...events,
  method: 'post',
  path: '/orders/events/replays',
  operationId: 'replayOrderEvents',
  summary: 'Replay order events to a consumer group from a time (operators only)',
  roles: ['operator'],
  body: replayEventsBodySchema,
  responses: {
    200: { description: 'Rewound; the new offset per partition', body: replayEventsResultSchema },
    ...requestProblems,
    403: roleRequired('operator'),
    409: problem('The consumer group has running members; stop them first (reason group_active)'),
  },
});
