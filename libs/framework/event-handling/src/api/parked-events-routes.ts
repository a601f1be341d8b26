import { z } from 'zod';
import {
  defineRoute,
  linkTo,
  nextPageLink,
  pascalCase,
  problem,
  withLinks,
} from '@cqrs/framework-core';
import {
  deadLetterGroupsSchema,
  discardBodySchema,
  discardProblems,
  jobRoutes,
  operatorProblems,
  timeWindowShape,
  windowInOrder,
  windowMessage,
} from '@cqrs/framework-jobs';
import {
  eventTypeFilterSchema,
  parkedReplayFilterSchema,
  parkedReplayOutcomes,
} from '../replay/parked-replay-job';
import {
  parkedEventResourceSchema,
  parkedStatusSchema,
  parkReasonCodeSchema,
} from './parked-event-resource';

/** The filters of the listing and the grouped view. */
const filterShape = {
  reason: parkReasonCodeSchema.optional(),
  type: eventTypeFilterSchema.optional(),
  ...timeWindowShape('parked'),
};

/** `GET /<service>/parked-events` query. Strict: an unknown parameter is a 400, not ignored. */
export const listParkedEventsQuerySchema = z
  .strictObject({
    status: parkedStatusSchema.optional(),
    ...filterShape,
    limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size'),
    cursor: z
      .string()
      .min(1)
      .max(1024)
      .optional()
      .describe("Opaque cursor: the previous page's nextCursor"),
  })
  .refine(windowInOrder, windowMessage);

/** `GET /<service>/parked-events/groups` query: what waits for an operator unless told. */
export const parkedEventGroupsQuerySchema = z
  .strictObject({
    status: parkedStatusSchema.default('parked'),
    ...filterShape,
  })
  .refine(windowInOrder, windowMessage);

/** One page of parked events, most recently parked first. */
export const parkedEventPageSchema = z.object({
  items: z.array(parkedEventResourceSchema),
  nextCursor: z.string().nullable().describe('Cursor of the next page; null on the last'),
});

/** Parked events by reason code and event type. */
export const parkedEventGroupsSchema = deadLetterGroupsSchema(parkReasonCodeSchema, 'parking');

/** The id in the replay path. */
export const parkedEventParamsSchema = z.object({
  id: z.string().min(1).max(512).describe('Id of the parked event'),
});

/**
 * The parked-event routes of `service`'s `evh`, for its shared lib to declare (and so for the
 * gateway and `openapi.yaml`), all for operators only: listing (filtered) and the grouped view,
 * replaying one, discarding one, and bulk replays run as background jobs.
 */
export function parkedEventsRoutes<const S extends string>(service: S) {
  const base = `/${service}/parked-events` as const;
  const name = pascalCase(service);
  const common = {
    service,
    app: 'evh',
    exposure: 'public',
    tags: [`${service} parked events`],
    auth: 'bearer',
    roles: ['operator'],
  } as const;
  const guarded = operatorProblems;
  const list = defineRoute({
    ...common,
    method: 'get',
    path: base,
    operationId: `list${name}ParkedEvents`,
    summary: `List the events the ${service} event handler parked (operators only)`,
    query: listParkedEventsQuerySchema,
    responses: {
      200: { description: 'One page of parked events', body: parkedEventPageSchema },
      400: problem(
        'Invalid filter, limit or cursor (reason invalid_cursor for a foreign one), or from after to',
      ),
      ...guarded,
    },
  });
  const groups = defineRoute({
    ...common,
    method: 'get',
    path: `${base}/groups`,
    operationId: `group${name}ParkedEvents`,
    summary: `Count the ${service} parked events by reason and event type (operators only)`,
    query: parkedEventGroupsQuerySchema,
    responses: {
      200: { description: 'The groups, largest first', body: parkedEventGroupsSchema },
      400: problem('Invalid filter, or from after to'),
      ...guarded,
    },
  });
  const replay = defineRoute({
    ...common,
    method: 'post',
    path: `${base}/{id}/replay`,
    operationId: `replay${name}ParkedEvent`,
    summary: `Run a parked event through the ${service} event handler again (operators only)`,
    params: parkedEventParamsSchema,
    responses: {
      200: {
        description: 'Handled (or replayed before): the event, now with status replayed',
        body: parkedEventResourceSchema,
      },
      400: problem('Invalid id'),
      ...guarded,
      404: problem('No parked event with this id (reason parked_event_not_found)'),
      409: problem('The event was discarded (reason parked_event_discarded)'),
      422: problem(
        'Refused or invalid again; still parked, with the new reason (reason: the park reason)',
      ),
      503: problem('The target is still unavailable; still parked, try again later'),
    },
  });
  const discard = defineRoute({
    ...common,
    method: 'post',
    path: `${base}/{id}/discard`,
    operationId: `discard${name}ParkedEvent`,
    summary: `Give up on a parked event, saying why; it is kept, never replayed in bulk`,
    params: parkedEventParamsSchema,
    body: discardBodySchema,
    responses: {
      200: {
        description: 'Discarded (or discarded before: the first discard is kept)',
        body: parkedEventResourceSchema,
      },
      ...discardProblems(
        'parked event',
        'parked_event_not_found',
        'The event was replayed already (reason parked_event_replayed)',
      ),
    },
  });
  const replays = jobRoutes({
    service,
    app: 'evh',
    tags: common.tags,
    roles: common.roles,
    path: `${base}/replays`,
    name: `${name}ParkedEventReplay`,
    what: 'bulk replay of parked events',
    filter: parkedReplayFilterSchema,
    outcomes: parkedReplayOutcomes,
  });
  return {
    // OpenAPI links: from a page of parked events to the next page and to replaying its first.
    list: withLinks(list, 200, {
      NextPage: nextPageLink(list),
      ReplayParkedEvent: linkTo(replay, { 'path.id': '$response.body#/items/0/id' }),
      DiscardParkedEvent: linkTo(discard, { 'path.id': '$response.body#/items/0/id' }),
    }),
    groups,
    replay,
    discard,
    startBulkReplay: replays.start,
    getBulkReplay: replays.get,
    cancelBulkReplay: replays.cancel,
  };
}

/** The routes {@link parkedEventsRoutes} declares. */
export type ParkedEventsRoutes = ReturnType<typeof parkedEventsRoutes>;
