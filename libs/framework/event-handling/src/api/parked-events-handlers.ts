import type { BoundRoute } from '@cqrs/framework-core';
import { bindRoute } from '@cqrs/framework-core';
import type { EventHandler } from '../consumer/event-handler';
import type { ParkedEventStore } from '../parking/parked-event-store';
import { toParkedEventResource } from './parked-event-resource';
import type { ParkedEventsRoutes } from './parked-events-routes';

/**
 * Serves the parked-event routes a service declared with `parkedEventsRoutes`: listing from
 * the store, replay through the handler (its errors become the route's 404/422/503).
 */
export function parkedEventsHandlers(
  routes: ParkedEventsRoutes,
  handler: Pick<EventHandler, 'replayParkedEvent'>,
  store: Pick<ParkedEventStore, 'list'>,
): BoundRoute[] {
  return [
    bindRoute(routes.list, async ({ query }) => {
      const page = await store.list({
        limit: query.limit,
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
      });
      return {
        status: 200,
        body: { items: page.items.map(toParkedEventResource), nextCursor: page.nextCursor },
      };
    }),
    bindRoute(routes.replay, async ({ params, actor, log }) => {
      const event = await handler.replayParkedEvent(params.id);
      log.info({ eventId: event._id, operator: actor.sub }, 'parked event replay requested');
      return { status: 200, body: toParkedEventResource(event) };
    }),
  ];
}
