import type { Standing } from '../domain/customer-standing';
import type { ConsumedCustomerEventType } from './customer-events';
import { consumedCustomerEventTypes as types } from './customer-events';

/** What a customer event means for the customer's open orders, besides the standing. */
export type CustomerOrdersAction = 'hold' | 'release';

/** The hold reason `orders-evh` gives when a customer block puts the customer's orders on hold. */
export const customerBlockedHoldReason = 'customer_blocked';

const effects: Readonly<
  Record<ConsumedCustomerEventType, { standing: Standing; orders: CustomerOrdersAction | null }>
> = {
  [types.registered]: { standing: 'pending_kyc', orders: null },
  [types.kycApproved]: { standing: 'active', orders: null },
  [types.kycRejected]: { standing: 'rejected', orders: null },
  [types.blocked]: { standing: 'blocked', orders: 'hold' },
  [types.unblocked]: { standing: 'active', orders: 'release' },
  [types.closed]: { standing: 'closed', orders: null },
};

/** The customer's standing after an event of `type` (the customers state machine, as orders sees it). */
export const standingAfter = (type: ConsumedCustomerEventType): Standing => effects[type].standing;

/**
 * What `orders-evh` does to the customer's orders after recording the standing: `hold` every
 * open (placed or paid) order on a block, `release` every held order on an unblock, else nothing.
 * Both act on the customer's current standing (a hold only while blocked, a release only while
 * active), so an event older than the recorded standing (answered as a replay) changes nothing.
 */
export const customerOrdersActionAfter = (
  type: ConsumedCustomerEventType,
): CustomerOrdersAction | null => effects[type].orders;
