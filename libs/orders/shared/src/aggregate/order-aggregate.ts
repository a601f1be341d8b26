import type { AggregateDefinition } from '@cqrs/framework-command-handling';
import type { OrderCommand } from '../commands/order-commands';
import type { Order } from '../domain/order';
import type { OrderEvent } from '../events/order-events';
import { decideOrder } from './decide';
import { evolveOrder } from './evolve';

/**
 * The `Order` aggregate for the command-handling pipeline of `orders-cmdh`: event types are
 * `order.<what>.v1`, documents live in the `orders` collection.
 */
export const orderAggregate: AggregateDefinition<Order, OrderCommand, OrderEvent> = {
  name: 'order',
  decide: decideOrder,
  evolve: evolveOrder,
};
