import type { Decision } from '@cqrs/framework-command-handling';
import { accept } from '@cqrs/framework-command-handling';
import type { Order } from '../domain/order';
import type { OrderEvent } from '../events/order-events';
import { orderEventTypes } from '../events/order-events';
import { describeStatus, eventBase, refuse } from './decision-helpers';
import { orderRejectionReasons as reasons } from './rejection-reasons';

/** Ships a `paid` order; a held one waits for its release, an unpaid one for its payment. */
export function decideShipping(state: Order, now: Date): Decision<OrderEvent> {
  if (state.status === 'on_hold') {
    return refuse(reasons.onHold, `Order ${state.id} is ${describeStatus(state)}`);
  }
  if (state.status !== 'paid') {
    return refuse(reasons.notPaid, `Order ${state.id} is not paid (${state.status})`);
  }
  return accept({ type: orderEventTypes.shipped, ...eventBase(state, now) });
}
