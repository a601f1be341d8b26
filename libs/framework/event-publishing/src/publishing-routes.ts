import {
  defineRoute,
  pascalCase,
  problem,
  requestProblems,
  roleRequired,
} from '@cqrs/framework-core';
import { jobRoutes } from '@cqrs/framework-jobs';
import type { catalogResponseSchemaFor } from './event-catalog';
import { eventSnapshotFilterSchema, eventSnapshotOutcomes } from './event-snapshot';
import { replayEventsBodySchema, replayEventsResultSchema } from './replay-schemas';

/**
 * The routes of `service`'s `evp`, for its shared lib to declare (and so for the gateway and
 * `openapi.yaml`): the event catalog with a JSON Schema per type, replays and snapshots
 * (operators only).
 * Tags, summaries and operation ids speak of `<aggregate> events`, e.g. `customer events`;
 * `catalogResponse` is the service's `catalogResponseSchemaFor` one of its types.
 */
export function publishingRoutes<const S extends string>(
  service: S,
  aggregate: string,
  catalogResponse: ReturnType<typeof catalogResponseSchemaFor>,
) {
  const pascal = pascalCase(aggregate);
  const events = {
    service,
    app: 'evp',
    exposure: 'public',
    tags: [`${aggregate} events`],
    auth: 'bearer',
  } as const;
  return {
    /** `GET /<service>/events/types`: the event catalog with a JSON Schema per type. */
    catalog: defineRoute({
      ...events,
      method: 'get',
      path: `/${service}/events/types`,
      operationId: `list${pascal}EventTypes`,
      summary: `List the event types the ${service} service publishes`,
      responses: {
        200: { description: 'The event catalog', body: catalogResponse },
        401: requestProblems[401],
      },
    }),
    /**
     * `POST /<service>/events/replays`: rewind a consumer group on the service's topic to a
     * time, so its members re-read every event since. Only while the group has no running
     * members.
     */
    replay: defineRoute({
      ...events,
      method: 'post',
      path: `/${service}/events/replays`,
      operationId: `replay${pascal}Events`,
      summary: `Replay ${aggregate} events to a consumer group from a time (operators only)`,
      roles: ['operator'],
      body: replayEventsBodySchema,
      responses: {
        200: {
          description: 'Rewound; the new offset per partition',
          body: replayEventsResultSchema,
        },
        ...requestProblems,
        403: roleRequired('operator'),
        409: problem(
          'The consumer group has running members; stop them first (reason group_active)',
        ),
      },
    }),
    /**
     * `POST /<service>/events/snapshots` (and its progress and cancel): publish every
     * aggregate's latest event again, marked with the `snapshot` extension, as a background job.
     */
    snapshot: jobRoutes({
      service,
      app: 'evp',
      tags: events.tags,
      roles: ['operator'],
      path: `/${service}/events/snapshots`,
      name: `${pascal}EventSnapshot`,
      what: `snapshot of the ${aggregate} events (each ${aggregate}'s latest event published again)`,
      filter: eventSnapshotFilterSchema,
      outcomes: eventSnapshotOutcomes,
    }),
  };
}

/** The routes {@link publishingRoutes} declares. */
export type PublishingRoutes = ReturnType<typeof publishingRoutes>;
