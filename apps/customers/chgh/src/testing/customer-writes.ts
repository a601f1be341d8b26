import type { Db } from 'mongodb';
import type { CustomerCommand } from '@cqrs/customers-shared';
import {
  customerAggregate,
  customersCollection,
  fromDocument,
  toDocument,
} from '@cqrs/customers-shared';
import type { PipelineWriter } from '@cqrs/framework-command-handling/testing';
import { pipelineWriter } from '@cqrs/framework-command-handling/testing';

/**
 * Writes customers the way customers-cmdh does (its command pipeline over `customers`); with
 * `start`, write n happens n minutes after it.
 */
export const customerWrites = (db: Db, start?: Date): PipelineWriter<CustomerCommand> =>
  pipelineWriter(
    db,
    {
      collection: customersCollection,
      aggregate: customerAggregate,
      toDocument,
      fromDocument,
      aggregateIdOf: (command) => command.customerId,
    },
    start,
  );
