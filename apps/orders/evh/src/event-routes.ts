import type { CommandCall, EventRoutes } from '@cqrs/framework-event-handling';
import { eventRoute } from '@cqrs/framework-event-handling';
import type { CloudEvent } from '@cqrs/framework-kafka';
import { parseSequence } from '@cqrs/framework-kafka';
import type { ConsumedCustomerEventType } from '@cqrs/orders-shared';
import {
  consumedCustomerEventDataSchemas,
  customerBlockedHoldReason,
  customerOrdersActionAfter,
  standingAfter,
} from '@cqrs/orders-shared';

/** The path of the standing command; the client wrapper recognises it by this prefix. */
export const customerStandingsPath = '/internal/customer-standings/';

/**
 * The commands one customer event asks for: record the standing it implies (at the customer
 * version the CloudEvent `sequence` carries), then hold the customer's open orders on a block
 * or release the held ones on an unblock.
 */
function commandsFor(
  type: ConsumedCustomerEventType,
  event: CloudEvent,
  customerId: string,
): readonly CommandCall[] {
  const id = encodeURIComponent(customerId);
  const calls: CommandCall[] = [
    {
      method: 'POST',
      path: `${customerStandingsPath}${id}`,
      body: { standing: standingAfter(type), customerVersion: parseSequence(event.sequence) },
      key: 'standing',
    },
  ];
  const action = customerOrdersActionAfter(type);
  if (action === 'hold') {
    calls.push({
      method: 'POST',
      path: `/internal/customers/${id}/orders/hold`,
      body: { reason: customerBlockedHoldReason },
      key: 'hold',
    });
  }
  if (action === 'release') {
    calls.push({
      method: 'POST',
      path: `/internal/customers/${id}/orders/release`,
      key: 'release',
    });
  }
  return calls;
}

/** Customer events -> orders-cmdh internal commands; other types on the topic are ignored. */
export const customerEventRoutes: EventRoutes = Object.fromEntries(
  (
    Object.entries(consumedCustomerEventDataSchemas) as [
      ConsumedCustomerEventType,
      (typeof consumedCustomerEventDataSchemas)[ConsumedCustomerEventType],
    ][]
  ).map(([type, data]) => [
    type,
    eventRoute({
      data,
      toCommands: (event, { customerId }) => commandsFor(type, event, customerId),
    }),
  ]),
);
