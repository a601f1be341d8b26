import type { Decision } from '@cqrs/framework-command-handling';
import { accept } from '@cqrs/framework-command-handling';
import type { RecordPaymentFailed, RecordPaymentSucceeded } from '../commands/order-commands';
import type { Order } from '../domain/order';
import type { OrderEvent } from '../events/order-events';
import { orderEventTypes } from '../events/order-events';
import { describeStatus, eventBase, refuse } from './decision-helpers';
import { orderRejectionReasons as reasons } from './rejection-reasons';

/**
 * Payment results from the payment provider (through extevh) for an open order.
 *
 * A success settles a `placed` order, and also one on hold from `placed`: the money is taken
 * either way, so the order stays on hold but is released to `paid` (refusing would let the
 * unpaid-order job cancel a paid order after the release). A failure closes only a `placed`
 * order; on hold it is refused (`on_hold`) and the order, once released, can still be paid or
 * times out. A result for a paid order (a second webhook) is refused (`already_paid`).
 */
export function decidePayment(
  state: Order,
  command: RecordPaymentSucceeded | RecordPaymentFailed,
  now: Date,
): Decision<OrderEvent> {
  if (state.status === 'paid' || state.heldFrom === 'paid') {
    return refuse(reasons.alreadyPaid, `Order ${state.id} is already paid`);
  }
  if (command.type === 'RecordPaymentSucceeded') {
    return accept({
      type: orderEventTypes.paid,
      ...eventBase(state, now),
      reference: command.reference,
    });
  }
  if (state.status === 'on_hold') {
    return refuse(
      reasons.onHold,
      `Order ${state.id} is ${describeStatus(state)}; a payment failure is not recorded`,
    );
  }
  return accept({
    type: orderEventTypes.paymentFailed,
    ...eventBase(state, now),
    reason: command.reason,
  });
}
