import type { Db } from 'mongodb';
import type { Logger, Metrics } from '@cqrs/framework-core';
import { AppError } from '@cqrs/framework-core';
import {
  createCommandHandler,
  createVersionedRepository,
  observeCommands,
} from '@cqrs/framework-command-handling';
import type { CustomerCommand, CustomerDocument } from '@cqrs/customers-shared';
import {
  customerAggregate,
  customerEmailIndexName,
  customersCollection,
  fromDocument,
  toCustomerResource,
  toDocument,
} from '@cqrs/customers-shared';

/** The customers command pipeline: decide/evolve over the versioned `customers` collection. */
export function createCustomerCommands(deps: { db: Db; logger: Logger; metrics: Metrics }) {
  const handler = createCommandHandler({
    aggregate: customerAggregate,
    store: createVersionedRepository<CustomerDocument>(deps.db, customersCollection),
    toDocument,
    fromDocument,
    respond: (state, version, command: CustomerCommand) => ({
      status: command.type === 'RegisterCustomer' ? 201 : 200,
      body: toCustomerResource(state, version),
    }),
    logger: deps.logger.child({ module: 'commands' }),
    observe: observeCommands(deps.metrics),
  });
  return {
    execute: (request: Parameters<typeof handler.execute>[0]) =>
      handler.execute(request).catch((error: unknown) => {
        // The only unique index besides _id: say which rule the request broke.
        if (AppError.is(error, 'conflict') && error.details.index === customerEmailIndexName) {
          throw new AppError('conflict', 'Another customer already has this email address', {
            cause: error,
            details: { reason: 'email_taken' },
          });
        }
        throw error;
      }),
  };
}

export type CustomerCommands = ReturnType<typeof createCustomerCommands>;
