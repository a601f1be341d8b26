import type { AggregateDefinition } from '@cqrs/framework-command-handling';
import type { CustomerCommand } from '../commands/customer-commands';
import type { Customer } from '../domain/customer';
import type { CustomerEvent } from '../events/customer-events';
import { decideCustomer } from './decide';
import { evolveCustomer } from './evolve';

/**
 * The `Customer` aggregate for the command-handling pipeline of `customers-cmdh`: event types
 * are `customer.<what>.v1`, documents live in the `customers` collection.
 */
export const customerAggregate: AggregateDefinition<Customer, CustomerCommand, CustomerEvent> = {
  name: 'customer',
  decide: decideCustomer,
  evolve: evolveCustomer,
};
