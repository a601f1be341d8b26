import { reject } from '@cqrs/framework-command-handling';
import type { Order } from '../domain/order';

/** A refusal by the order's rules (HTTP 422). */
export const refuse = (reason: string, message: string) => reject('rule_violated', reason, message);

/** The fields every order event carries: the order, its customer and the decision time. */
export const eventBase = (state: Order, now: Date) => ({
  orderId: state.id,
  customerId: state.customerId,
  occurredAt: now.toISOString(),
});

/** `on_hold (from paid)` style, for messages. */
export const describeStatus = (state: Order): string =>
  state.heldFrom ? `${state.status} from ${state.heldFrom}` : state.status;
