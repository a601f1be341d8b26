import { defineRoute } from '@cqrs/framework-core';
import {
  eventCatalogResponseSchema,
  replayEventsBodySchema,
  replayEventsResultSchema,
} from '../api/event-admin';
import { requestProblems, customersService, problem, roleRequired } from './responses';

const events = {
  service: customersService,
  app: 'evp',
  exposure: 'public',
  tags: ['customer events'],
  auth: 'bearer',
} as const;

/** `GET /customers/events/types`: the event catalog with a JSON Schema per type. */
export const listCustomerEventTypesRoute = defineRoute({
  ...events,
  method: 'get',
  path: '/customers/events/types',
  operationId: 'listCustomerEventTypes',
  summary: 'List the event types the customers service publishes',
  responses: {
    200: { description: 'The event catalog', body: eventCatalogResponseSchema },
    401: requestProblems[401],
  },
});

/**
 * `POST /customers/events/replays`: rewind a consumer group on `customers.events.v1` to a time,
 * so its members re-read every event since. Only while the group has no running members.
 */
export const replayCustomerEventsRoute = defineRoute({
  ...events,
  method: 'post',
  path: '/customers/events/replays',
  operationId: 'replayCustomerEvents',
  summary: 'Replay customer events to a consumer group from a time (operators only)',
  roles: ['operator'],
  body: replayEventsBodySchema,
  responses: {
    200: { description: 'Rewound; the new offset per partition', body: replayEventsResultSchema },
    ...requestProblems,
    403: roleRequired('operator'),
    409: problem('The consumer group has running members; stop them first (reason group_active)'),
  },
});
