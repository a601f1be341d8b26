import type { Decision } from '@cqrs/framework-command-handling';
import { accept, reject } from '@cqrs/framework-command-handling';
import type { PlaceOrder } from '../commands/order-commands';
import type { Order } from '../domain/order';
import { orderTotal } from '../domain/order-total';
import type { OrderEvent } from '../events/order-events';
import { orderEventTypes } from '../events/order-events';
import { refuse } from './decision-helpers';
import { orderRejectionReasons as reasons } from './rejection-reasons';

/**
 * Places an order for a customer the orders service knows to be `active`. The standing is the
 * one `orders-cmdh` read from its `customer_standings` copy just before deciding (see
 * `PlaceOrder`); a block that arrives after that read is applied to the order by the hold flow.
 * The total is computed here, exactly; one beyond the safe integer range is refused.
 */
export function decidePlace(
  state: Order | undefined,
  command: PlaceOrder,
  now: Date,
): Decision<OrderEvent> {
  if (state) return reject('conflict', reasons.alreadyExists, `Order ${state.id} already exists`);
  const standing = command.customerStanding;
  if (standing === null) {
    return refuse(
      reasons.customerUnknown,
      `Customer ${command.customerId} is not known to the orders service`,
    );
  }
  if (standing !== 'active') {
    return refuse(
      reasons.customerNotActive,
      `Customer ${command.customerId} may not place orders (${standing})`,
    );
  }
  const total = orderTotal(command.lines);
  if (total === undefined) {
    return refuse(
      reasons.totalTooLarge,
      `The order total exceeds ${Number.MAX_SAFE_INTEGER} minor units`,
    );
  }
  return accept({
    type: orderEventTypes.placed,
    orderId: command.orderId,
    customerId: command.customerId,
    occurredAt: now.toISOString(),
    lines: command.lines.map((line) => ({ ...line })),
    currency: command.currency,
    total,
  });
}
