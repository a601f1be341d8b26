import type { ConsumedCustomerEventType } from './customer-events';
import { consumedCustomerEventTypes } from './customer-events';
import { customerOrdersActionAfter, standingAfter } from './standing-after';

describe('Customer events as orders sees them', () => {
  it.each<[ConsumedCustomerEventType, string, string | null]>([
    ['customer.registered.v1', 'pending_kyc', null],
    ['customer.kyc_approved.v1', 'active', null],
    ['customer.kyc_rejected.v1', 'rejected', null],
    ['customer.blocked.v1', 'blocked', 'hold'],
    ['customer.unblocked.v1', 'active', 'release'],
    ['customer.closed.v1', 'closed', null],
  ])('after %s the standing is %s and the open orders get %s', (type, standing, action) => {
    // Act
    const after = [standingAfter(type), customerOrdersActionAfter(type)];

    // Assert
    expect(after).toEqual([standing, action]);
  });

  it('maps every consumed type', () => {
    // Act
    const mapped = Object.values(consumedCustomerEventTypes).map(standingAfter);

    // Assert
    expect(mapped.every((standing) => typeof standing === 'string')).toBe(true);
    expect(mapped).toHaveLength(6);
  });
});
