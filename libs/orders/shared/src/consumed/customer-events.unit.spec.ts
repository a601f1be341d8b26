import {
  customersEventsTopic,
  isConsumedCustomerEventType,
  parseConsumedCustomerEvent,
} from './customer-events';

describe('Consumed customer events', () => {
  it('reads the customers topic', () => {
    // Assert
    expect(customersEventsTopic).toBe('customers.events.v1');
  });

  it('keeps only the customer id and ignores fields orders does not use', () => {
    // Act
    const event = parseConsumedCustomerEvent({
      type: 'customer.blocked.v1',
      data: { customerId: 'c-1', occurredAt: '2025-03-01T09:00:00.000Z', reason: 'fraud', tier: 1 },
    });

    // Assert
    expect(event).toEqual({ type: 'customer.blocked.v1', customerId: 'c-1' });
  });

  it.each([
    ['no customer id', { reason: 'fraud' }],
    ['a customer id with a colon', { customerId: 'c:1' }],
    ['no data', null],
  ])('refuses data with %s', (_what, data) => {
    // Act
    const act = () => parseConsumedCustomerEvent({ type: 'customer.closed.v1', data });

    // Assert
    expect(act).toThrow();
  });

  it.each([
    ['customer.contact_details_updated.v1', false],
    ['customer.order_opened.v1', false],
    ['customer.blocked.v2', false],
    ['order.placed.v1', false],
    ['customer.unblocked.v1', true],
    ['customer.registered.v1', true],
  ])('consumes %s: %s', (type, consumed) => {
    // Act
    const result = isConsumedCustomerEventType(type);

    // Assert
    expect(result).toBe(consumed);
  });

  it('refuses to parse a type it does not consume', () => {
    // Act
    const act = () =>
      parseConsumedCustomerEvent({ type: 'customer.order_opened.v1', data: { customerId: 'c-1' } });

    // Assert
    expect(act).toThrow(/does not consume/);
  });
});
