import type { Decision } from '@cqrs/framework-command-handling';
import { accept } from '@cqrs/framework-command-handling';
import type { HoldOrder, ReleaseOrder } from '../commands/order-commands';
import type { Order } from '../domain/order';
import type { OrderEvent } from '../events/order-events';
import { orderEventTypes } from '../events/order-events';
import { eventBase, refuse } from './decision-helpers';
import { orderRejectionReasons as reasons } from './rejection-reasons';

/**
 * Hold and release of an open order (e.g. while its customer is blocked). A hold remembers the
 * status it came from (`heldFrom`) and a release returns to exactly that status, so a paid order
 * is never paid twice and a placed one is never shipped unpaid.
 */
export function decideHold(
  state: Order,
  command: HoldOrder | ReleaseOrder,
  now: Date,
): Decision<OrderEvent> {
  if (command.type === 'HoldOrder') {
    if (state.status === 'on_hold') {
      return refuse(reasons.alreadyOnHold, `Order ${state.id} is already on hold`);
    }
    if (state.status !== 'placed' && state.status !== 'paid') {
      return refuse(reasons.orderClosed, `Order ${state.id} is ${state.status}`);
    }
    return accept({
      type: orderEventTypes.putOnHold,
      ...eventBase(state, now),
      reason: command.reason,
      heldFrom: state.status,
    });
  }
  if (state.status !== 'on_hold' || state.heldFrom === null) {
    return refuse(reasons.notOnHold, `Order ${state.id} is not on hold (${state.status})`);
  }
  return accept({
    type: orderEventTypes.released,
    ...eventBase(state, now),
    releasedTo: state.heldFrom,
  });
}
