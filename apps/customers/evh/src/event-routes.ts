import { callOf } from '@cqrs/framework-command-client';
import type { EventCommand, EventRoutes } from '@cqrs/framework-event-handling';
import { eventRoute } from '@cqrs/framework-event-handling';
import type { OrderCountEffect } from '@cqrs/customers-shared';
import {
  consumedOrderEvents,
  recordOrderClosedRoute,
  recordOrderOpenedRoute,
} from '@cqrs/customers-shared';

interface OrderFacts {
  readonly customerId: string;
  readonly orderId: string;
}

/** The command recording `effect` on the customer's open orders; none for `none`. */
function commandsFor(effect: OrderCountEffect, data: OrderFacts): readonly EventCommand[] {
  if (effect === 'none') return [];
  const route = effect === 'opened' ? recordOrderOpenedRoute : recordOrderClosedRoute;
  const params = { id: data.customerId, orderId: data.orderId };
  return [{ ...callOf(route, { params }), key: `order-${effect}` }];
}

/**
 * Orders events -> customers-cmdh internal commands: an opened order is recorded as open, a
 * shipped, cancelled or failed one as closed; paid, held and released orders change nothing.
 * Every other type on the topic is ignored.
 */
export const orderEventRoutes: EventRoutes = Object.fromEntries(
  Object.entries(consumedOrderEvents).map(([type, { data, effect }]) => [
    type,
    eventRoute({ data, toCommands: (_event, facts) => commandsFor(effect, facts) }),
  ]),
);
