import type { AggregateDefinition } from '@cqrs/framework-command-handling';
import type { CustomerStandingCommand } from '../commands/customer-standing-commands';
import type { CustomerStanding } from '../domain/customer-standing';
import type { CustomerStandingEvent } from '../events/customer-standing-events';
import { decideCustomerStanding } from './decide-customer-standing';
import { evolveCustomerStanding } from './evolve-customer-standing';

/**
 * The `CustomerStanding` aggregate (id = customer id) for `orders-cmdh`: the orders service's
 * copy of each customer's standing, in the `customer_standings` collection. Its events
 * (`customer_standing.*`) are internal and never published.
 */
export const customerStandingAggregate: AggregateDefinition<
  CustomerStanding,
  CustomerStandingCommand,
  CustomerStandingEvent
> = {
  name: 'customer_standing',
  decide: decideCustomerStanding,
  evolve: evolveCustomerStanding,
};
