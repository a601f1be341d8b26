import type { CustomerStanding } from '../domain/customer-standing';
import type { CustomerStandingEvent } from '../events/customer-standing-events';

/**
 * Applies a recorded standing (the input is not changed). Throws for an event of another
 * customer or one that goes back in customer versions: `decide` never produces them.
 */
export function evolveCustomerStanding(
  state: CustomerStanding | undefined,
  event: CustomerStandingEvent,
): CustomerStanding {
  if (state && state.customerId !== event.customerId) {
    throw new Error(`Cannot apply ${event.type} of ${event.customerId} to ${state.customerId}`);
  }
  if (state && event.customerVersion <= state.lastCustomerVersion) {
    throw new Error(
      `Cannot apply ${event.type} of version ${event.customerVersion} to customer ` +
        `${state.customerId} at version ${state.lastCustomerVersion}`,
    );
  }
  return {
    customerId: event.customerId,
    standing: event.standing,
    lastCustomerVersion: event.customerVersion,
    updatedAt: new Date(event.occurredAt),
  };
}
