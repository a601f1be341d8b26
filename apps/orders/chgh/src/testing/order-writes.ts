import type { Db } from 'mongodb';
import type { OrderCommand } from '@cqrs/orders-shared';
import {
  fromOrderDocument,
  orderAggregate,
  ordersCollection,
  toOrderDocument,
} from '@cqrs/orders-shared';
import type { PipelineWriter } from '@cqrs/framework-command-handling/testing';
import { pipelineWriter } from '@cqrs/framework-command-handling/testing';

/**
 * Writes orders the way orders-cmdh does (its command pipeline over `orders`); with `start`,
 * write n happens n minutes after it.
 */
export const orderWrites = (db: Db, start?: Date): PipelineWriter<OrderCommand> =>
  pipelineWriter(
    db,
    {
      collection: ordersCollection,
      aggregate: orderAggregate,
      toDocument: toOrderDocument,
      fromDocument: fromOrderDocument,
      aggregateIdOf: (command) => command.orderId,
    },
    start,
  );
