import type { Decision } from '@cqrs/framework-command-handling';
import { accept } from '@cqrs/framework-command-handling';
import type { CancelOrder, CancelUnpaidOrder } from '../commands/order-commands';
import type { Order } from '../domain/order';
import { paymentTimeoutReason } from '../domain/order-status';
import type { OrderEvent } from '../events/order-events';
import { orderEventTypes } from '../events/order-events';
import { describeStatus, eventBase, refuse } from './decision-helpers';
import { orderRejectionReasons as reasons } from './rejection-reasons';

/**
 * Cancellation of an order nobody paid for. A person may cancel a `placed` order or one on hold
 * from `placed` (a blocked customer's order can be called off); a paid one is refused
 * (`already_paid`): giving the money back is a refund, which this service does not model.
 * The unpaid-order job cancels only `placed` orders (reason `payment_timeout`): its query finds
 * no others, and an order that was paid or held since the query is left alone.
 */
export function decideCancellation(
  state: Order,
  command: CancelOrder | CancelUnpaidOrder,
  now: Date,
): Decision<OrderEvent> {
  if (state.status === 'paid' || state.heldFrom === 'paid') {
    return refuse(reasons.alreadyPaid, `Order ${state.id} is paid (${describeStatus(state)})`);
  }
  if (command.type === 'CancelUnpaidOrder' && state.status !== 'placed') {
    return refuse(
      reasons.onHold,
      `Order ${state.id} is ${describeStatus(state)}; the payment timeout does not apply`,
    );
  }
  return accept({
    type: orderEventTypes.cancelled,
    ...eventBase(state, now),
    reason: command.type === 'CancelOrder' ? command.reason : paymentTimeoutReason,
  });
}
