import type { CommandCall, EventRoutes } from '@cqrs/framework-event-handling';
import { eventRoute } from '@cqrs/framework-event-handling';
import type { OrderCountEffect } from '@cqrs/customers-shared';
import { consumedOrderEvents } from '@cqrs/customers-shared';

interface OrderFacts {
  readonly customerId: string;
  readonly orderId: string;
}

/** The command recording `effect` on the customer's open orders; none for `none`. */
function commandsFor(effect: OrderCountEffect, data: OrderFacts): readonly CommandCall[] {
  if (effect === 'none') return [];
  const customerId = encodeURIComponent(data.customerId);
  const orderId = encodeURIComponent(data.orderId);
  return [
    {
      method: 'POST',
      path: `/internal/customers/${customerId}/orders/${orderId}/${effect}`,
      key: `order-${effect}`,
    },
  ];
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
