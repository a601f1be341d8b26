import type { BoundRoute } from '@cqrs/framework-core';
import { AppError, bindRoute } from '@cqrs/framework-core';
import type { JobRunner } from '@cqrs/framework-jobs';
import { jobHandlers, toGroupResource } from '@cqrs/framework-jobs';
import type { EventHandler } from '../consumer/event-handler';
import type { EventHandlerMetrics } from '../consumer/event-handler-metrics';
import type { ParkedEventStore } from '../parking/parked-event-store';
import type { ParkedReplayFilter } from '../replay/parked-replay-job';
import { parkedReplayOutcomes } from '../replay/parked-replay-job';
import { toParkedEventResource } from './parked-event-resource';
import type { ParkedEventsRoutes } from './parked-events-routes';

/** What the parked-event routes are served with besides the handler and the store. */
export interface ParkedEventsServices {
  /** Runs the bulk replays (`parkedReplayJob`). */
  readonly replays: JobRunner<ParkedReplayFilter>;
  readonly metrics: Pick<EventHandlerMetrics, 'discarded'>;
  readonly now?: () => Date;
}

const notFound = (id: string) =>
  new AppError('not_found', `No parked event ${id}`, {
    details: { reason: 'parked_event_not_found' },
  });

/**
 * Serves the parked-event routes a service declared with `parkedEventsRoutes`: listing and
 * grouping from the store, replay through the handler (its errors become the route's
 * 404/409/422/503), discarding, and bulk replays through the job runner.
 */
export function parkedEventsHandlers(
  routes: ParkedEventsRoutes,
  handler: Pick<EventHandler, 'replayParkedEvent'>,
  store: Pick<ParkedEventStore, 'list' | 'groups' | 'discard'>,
  services: ParkedEventsServices,
): BoundRoute[] {
  const now = services.now ?? (() => new Date());
  return [
    bindRoute(routes.list, async ({ query }) => {
      const page = await store.list(query);
      return {
        status: 200,
        body: { items: page.items.map(toParkedEventResource), nextCursor: page.nextCursor },
      };
    }),
    bindRoute(routes.groups, async ({ query }) => ({
      status: 200,
      body: { items: (await store.groups(query)).map(toGroupResource) },
    })),
    bindRoute(routes.replay, async ({ params, actor, log }) => {
      const event = await handler.replayParkedEvent(params.id);
      log.info({ eventId: event._id, operator: actor.sub }, 'parked event replay requested');
      return { status: 200, body: toParkedEventResource(event) };
    }),
    bindRoute(routes.discard, async ({ params, body, actor, log }) => {
      const result = await store.discard(params.id, {
        by: actor.sub,
        reason: body.reason,
        at: now(),
      });
      if (result === null) throw notFound(params.id);
      const { event, changed } = result;
      if (event.status === 'replayed') {
        throw new AppError('conflict', `Event ${params.id} was replayed; nothing to discard`, {
          details: { reason: 'parked_event_replayed' },
        });
      }
      if (changed) {
        services.metrics.discarded.inc({ reason: event.reason.code });
        log.info({ eventId: event._id, operator: actor.sub }, 'parked event discarded');
      }
      return { status: 200, body: toParkedEventResource(event) };
    }),
    ...jobHandlers(
      {
        start: routes.startBulkReplay,
        get: routes.getBulkReplay,
        cancel: routes.cancelBulkReplay,
      },
      services.replays,
      parkedReplayOutcomes,
    ),
  ];
}
