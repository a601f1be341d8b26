import type { Decision } from '@cqrs/framework-command-handling';
import { accept, reject } from '@cqrs/framework-command-handling';
import type { RecordOrderClosed, RecordOrderOpened } from '../commands/customer-commands';
import type { Customer } from '../domain/customer';
import type { CustomerEvent } from '../events/customer-events';
import { customerEventTypes } from '../events/customer-events';
import { customerRejectionReasons as reasons } from './rejection-reasons';

/**
 * Facts from the orders service about the customer's open orders. They are recorded in every
 * status: the orders service already acted (an order placed just before a block or close
 * arrived there is still open), and losing the fact would let a customer with an open order
 * close. Only real changes are accepted; a duplicate (`order_already_open`) or a close of an
 * order not open (`order_not_open`) is refused so that no event is published for nothing.
 * Re-deliveries of the same orders event never get here: their command id is already applied.
 */
export function decideOrders(
  state: Customer,
  command: RecordOrderOpened | RecordOrderClosed,
  now: Date,
): Decision<CustomerEvent> {
  const isOpen = state.openOrderIds.includes(command.orderId);
  const base = { customerId: state.id, occurredAt: now.toISOString(), orderId: command.orderId };
  if (command.type === 'RecordOrderOpened') {
    return isOpen
      ? reject(
          'rule_violated',
          reasons.orderAlreadyOpen,
          `Order ${command.orderId} is already recorded as open`,
        )
      : accept({ type: customerEventTypes.orderOpened, ...base });
  }
  return isOpen
    ? accept({ type: customerEventTypes.orderClosed, ...base })
    : reject(
        'rule_violated',
        reasons.orderNotOpen,
        `Order ${command.orderId} is not recorded as open`,
      );
}
