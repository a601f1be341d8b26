import type { Decision, DecisionContext } from '@cqrs/framework-command-handling';
import { reject } from '@cqrs/framework-command-handling';
import { hasRole } from '@cqrs/framework-core';
import type { OrderCommand, OrderCommandType } from '../commands/order-commands';
import type { Order } from '../domain/order';
import { isFinalOrderStatus, serviceRole } from '../domain/order-status';
import type { OrderEvent } from '../events/order-events';
import { decideCancellation } from './decide-cancellation';
import { decideHold } from './decide-hold';
import { decidePayment } from './decide-payment';
import { decidePlace } from './decide-place';
import { decideShipping } from './decide-shipping';
import { refuse } from './decision-helpers';
import { orderRejectionReasons as reasons } from './rejection-reasons';

/** Commands only other services and jobs issue: the actor needs the `service` role. */
const serviceCommands: ReadonlySet<OrderCommandType> = new Set([
  'RecordPaymentSucceeded',
  'RecordPaymentFailed',
  'HoldOrder',
  'ReleaseOrder',
  'CancelUnpaidOrder',
]);

/**
 * The `Order` state machine: turns one command into one event, or a refusal with a stable
 * reason. Pure: the time and the actor come from `context`, the customer's standing from the
 * `PlaceOrder` command. Every command but `PlaceOrder` needs an existing order (`not_found`);
 * the role is checked before the state, so a caller without it learns nothing about it; a
 * closed order (shipped, cancelled, payment_failed) refuses everything (`order_closed`).
 */
export function decideOrder(
  state: Order | undefined,
  command: OrderCommand,
  { actor, now }: DecisionContext,
): Decision<OrderEvent> {
  if (command.type === 'PlaceOrder') return decidePlace(state, command, now);
  if (!state) {
    return reject('not_found', reasons.orderNotFound, `Order ${command.orderId} does not exist`);
  }
  if (serviceCommands.has(command.type) && !hasRole(actor, serviceRole)) {
    return reject('forbidden', reasons.serviceRoleRequired, `Only a service may ${command.type}`);
  }
  if (isFinalOrderStatus(state.status)) {
    return refuse(reasons.orderClosed, `Order ${state.id} is closed (${state.status})`);
  }
  switch (command.type) {
    case 'RecordPaymentSucceeded':
    case 'RecordPaymentFailed':
      return decidePayment(state, command, now);
    case 'HoldOrder':
    case 'ReleaseOrder':
      return decideHold(state, command, now);
    case 'CancelOrder':
    case 'CancelUnpaidOrder':
      return decideCancellation(state, command, now);
    case 'ShipOrder':
      return decideShipping(state, now);
  }
}
