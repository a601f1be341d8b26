import { z } from 'zod';
import {
  defineRoute,
  linkTo,
  nextPageLink,
  pascalCase,
  problem,
  withLinks,
} from '@cqrs/framework-core';
import { parkedEventResourceSchema, parkedStatusSchema } from './parked-event-resource';

/** `GET /<service>/parked-events` query. Strict: an unknown parameter is a 400, not ignored. */
export const listParkedEventsQuerySchema = z.strictObject({
  status: parkedStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size'),
  cursor: z
    .string()
    .min(1)
    .max(1024)
    .optional()
    .describe("Opaque cursor: the previous page's nextCursor"),
});

/** One page of parked events, most recently parked first. */
export const parkedEventPageSchema = z.object({
  items: z.array(parkedEventResourceSchema),
  nextCursor: z.string().nullable().describe('Cursor of the next page; null on the last'),
});

/** The id in the replay path. */
export const parkedEventParamsSchema = z.object({
  id: z.string().min(1).max(512).describe('Id of the parked event'),
});

/**
 * The parked-event routes of `service`'s `evh`, for its shared lib to declare (and so for the
 * gateway and `openapi.yaml`): listing and replaying, both for operators only.
 */
export function parkedEventsRoutes<const S extends string>(service: S) {
  const common = {
    service,
    app: 'evh',
    exposure: 'public',
    tags: [`${service} parked events`],
    auth: 'bearer',
    roles: ['operator'],
  } as const;
  const list = defineRoute({
    ...common,
    method: 'get',
    path: `/${service}/parked-events`,
    operationId: `list${pascalCase(service)}ParkedEvents`,
    summary: `List the events the ${service} event handler parked (operators only)`,
    query: listParkedEventsQuerySchema,
    responses: {
      200: { description: 'One page of parked events', body: parkedEventPageSchema },
      400: problem('Invalid status, limit or cursor (reason invalid_cursor for a foreign one)'),
      401: problem('Missing, expired or invalid bearer token'),
      403: problem('The caller does not have the operator role'),
    },
  });
  const replay = defineRoute({
    ...common,
    method: 'post',
    path: `/${service}/parked-events/{id}/replay`,
    operationId: `replay${pascalCase(service)}ParkedEvent`,
    summary: `Run a parked event through the ${service} event handler again (operators only)`,
    params: parkedEventParamsSchema,
    responses: {
      200: {
        description: 'Handled (or replayed before): the event, now with status replayed',
        body: parkedEventResourceSchema,
      },
      400: problem('Invalid id'),
      401: problem('Missing, expired or invalid bearer token'),
      403: problem('The caller does not have the operator role'),
      404: problem('No parked event with this id (reason parked_event_not_found)'),
      422: problem(
        'Refused or invalid again; still parked, with the new reason (reason: the park reason)',
      ),
      503: problem('The target is still unavailable; still parked, try again later'),
    },
  });
  return {
    // OpenAPI links: from a page of parked events to the next page and to replaying its first.
    list: withLinks(list, 200, {
      NextPage: nextPageLink(list),
      ReplayParkedEvent: linkTo(replay, { 'path.id': '$response.body#/items/0/id' }),
    }),
    replay,
  };
}

/** The routes {@link parkedEventsRoutes} declares. */
export type ParkedEventsRoutes = ReturnType<typeof parkedEventsRoutes>;
