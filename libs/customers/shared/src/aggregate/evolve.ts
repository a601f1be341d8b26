import type { Customer } from '../domain/customer';
import type { CustomerEvent } from '../events/customer-events';
import { customerEventTypes } from '../events/customer-events';

/** An event that cannot follow the given state: a bug or a corrupt document, never user input. */
const impossible = (event: CustomerEvent, why: string): Error =>
  new Error(`Cannot apply ${event.type} to customer ${event.customerId}: ${why}`);

/**
 * Applies one event to the customer's state and returns the new state (the input is not
 * changed). Throws for events that cannot follow the state: `decide` never produces them.
 */
export function evolveCustomer(state: Customer | undefined, event: CustomerEvent): Customer {
  const at = new Date(event.occurredAt);
  if (event.type === customerEventTypes.registered) {
    if (state) throw impossible(event, 'it already exists');
    return {
      id: event.customerId,
      status: 'pending_kyc',
      name: event.name,
      email: event.email,
      phone: event.phone,
      kyc: { status: 'pending' },
      blockedReason: null,
      openOrderIds: [],
      registeredAt: at,
      updatedAt: at,
    };
  }
  if (!state) throw impossible(event, 'it does not exist');
  if (state.id !== event.customerId) throw impossible(event, `the state is of ${state.id}`);
  const next = { ...state, updatedAt: at };
  switch (event.type) {
    case customerEventTypes.contactDetailsUpdated:
      return {
        ...next,
        name: event.name ?? state.name,
        email: event.email ?? state.email,
        phone: event.phone === undefined ? state.phone : event.phone,
      };
    case customerEventTypes.kycApproved:
      return {
        ...next,
        status: 'active',
        kyc: { status: 'approved', decidedAt: at, reference: event.reference },
      };
    case customerEventTypes.kycRejected:
      return {
        ...next,
        status: 'rejected',
        kyc: { status: 'rejected', decidedAt: at, reason: event.reason },
      };
    case customerEventTypes.blocked:
      return { ...next, status: 'blocked', blockedReason: event.reason };
    case customerEventTypes.unblocked:
      return { ...next, status: 'active', blockedReason: null };
    case customerEventTypes.closed:
      return { ...next, status: 'closed', blockedReason: null };
    case customerEventTypes.orderOpened:
      return { ...next, openOrderIds: [...state.openOrderIds, event.orderId] };
    case customerEventTypes.orderClosed:
      return { ...next, openOrderIds: state.openOrderIds.filter((id) => id !== event.orderId) };
  }
}
