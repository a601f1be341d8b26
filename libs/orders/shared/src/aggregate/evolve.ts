import type { Order } from '../domain/order';
import type { OrderStatus } from '../domain/order-status';
import type { OrderEvent } from '../events/order-events';
import { orderEventTypes } from '../events/order-events';

/** An event that cannot follow the given state: a bug or a corrupt document, never user input. */
const impossible = (event: OrderEvent, why: string): Error =>
  new Error(`Cannot apply ${event.type} to order ${event.orderId}: ${why}`);

/** The statuses each event may follow (`paid` also follows `on_hold` from `placed`). */
const follows: Readonly<Record<Exclude<OrderEvent['type'], 'order.placed.v1'>, OrderStatus[]>> = {
  [orderEventTypes.paid]: ['placed', 'on_hold'],
  [orderEventTypes.paymentFailed]: ['placed'],
  [orderEventTypes.putOnHold]: ['placed', 'paid'],
  [orderEventTypes.released]: ['on_hold'],
  [orderEventTypes.shipped]: ['paid'],
  [orderEventTypes.cancelled]: ['placed', 'on_hold'],
};

/** Back out of a hold: no `heldFrom`, no hold reason. */
const unheld = { heldFrom: null, holdReason: null } as const;

/**
 * Applies one event to the order's state and returns the new state (the input is not changed).
 * Throws for events that cannot follow the state: `decide` never produces them.
 */
export function evolveOrder(state: Order | undefined, event: OrderEvent): Order {
  const at = new Date(event.occurredAt);
  if (event.type === orderEventTypes.placed) {
    if (state) throw impossible(event, 'it already exists');
    return {
      id: event.orderId,
      customerId: event.customerId,
      lines: event.lines.map((line) => ({ ...line })),
      currency: event.currency,
      total: event.total,
      status: 'placed',
      ...unheld,
      cancelReason: null,
      payment: { reference: null, failureReason: null },
      placedAt: at,
      updatedAt: at,
    };
  }
  if (!state) throw impossible(event, 'it does not exist');
  if (state.id !== event.orderId) throw impossible(event, `the state is of ${state.id}`);
  if (!follows[event.type].includes(state.status)) {
    throw impossible(event, `it is ${state.status}`);
  }
  const next = { ...state, updatedAt: at };
  switch (event.type) {
    case orderEventTypes.paid: {
      const payment = { ...state.payment, reference: event.reference };
      if (state.status === 'placed') return { ...next, status: 'paid', payment };
      if (state.heldFrom !== 'placed') throw impossible(event, 'it is on hold from paid');
      return { ...next, heldFrom: 'paid', payment };
    }
    case orderEventTypes.paymentFailed:
      return {
        ...next,
        status: 'payment_failed',
        payment: { ...state.payment, failureReason: event.reason },
      };
    case orderEventTypes.putOnHold:
      if (event.heldFrom !== state.status) throw impossible(event, `it is ${state.status}`);
      return { ...next, status: 'on_hold', heldFrom: event.heldFrom, holdReason: event.reason };
    case orderEventTypes.released:
      if (event.releasedTo !== state.heldFrom) {
        throw impossible(event, `it was held from ${state.heldFrom ?? 'nothing'}`);
      }
      return { ...next, status: event.releasedTo, ...unheld };
    case orderEventTypes.shipped:
      return { ...next, status: 'shipped' };
    case orderEventTypes.cancelled:
      if (state.heldFrom === 'paid') throw impossible(event, 'it is on hold from paid');
      return { ...next, status: 'cancelled', ...unheld, cancelReason: event.reason };
  }
}
