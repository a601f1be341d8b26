import { callOf } from '@cqrs/framework-command-client';
import type { EventCommand, EventRoutes } from '@cqrs/framework-event-handling';
import { eventRoute } from '@cqrs/framework-event-handling';
import type { CloudEvent } from '@cqrs/framework-kafka';
import { parseSequence } from '@cqrs/framework-kafka';
import type { ConsumedCustomerEventType } from '@cqrs/orders-shared';
import {
  consumedCustomerEventDataSchemas,
  customerBlockedHoldReason,
  customerOrdersActionAfter,
  holdCustomerOrdersRoute,
  recordCustomerStandingRoute,
  releaseCustomerOrdersRoute,
  standingAfter,
} from '@cqrs/orders-shared';

/**
 * The commands one customer event asks for: record the standing it implies (at the customer
 * version the CloudEvent `sequence` carries), then hold the customer's open orders on a block
 * or release the held ones on an unblock.
 */
function commandsFor(
  type: ConsumedCustomerEventType,
  event: CloudEvent,
  customerId: string,
): readonly EventCommand[] {
  const params = { customerId };
  const standing = callOf(recordCustomerStandingRoute, {
    params,
    body: { standing: standingAfter(type), customerVersion: parseSequence(event.sequence) },
  });
  const calls: EventCommand[] = [{ ...standing, key: 'standing' }];
  const action = customerOrdersActionAfter(type);
  if (action === 'hold') {
    const hold = callOf(holdCustomerOrdersRoute, {
      params,
      body: { reason: customerBlockedHoldReason },
    });
    calls.push({ ...hold, key: 'hold' });
  }
  if (action === 'release') {
    calls.push({ ...callOf(releaseCustomerOrdersRoute, { params }), key: 'release' });
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
