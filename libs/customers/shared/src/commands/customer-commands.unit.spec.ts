import { customerCommandSchema, customerCommandTypes } from './customer-commands';

describe('Customer commands', () => {
  it('lists every command type once', () => {
    // Assert
    expect([...customerCommandTypes].sort()).toEqual([
      'ApproveKyc',
      'BlockCustomer',
      'CloseCustomer',
      'ExpireKyc',
      'RecordOrderClosed',
      'RecordOrderOpened',
      'RegisterCustomer',
      'RejectKyc',
      'UnblockCustomer',
      'UpdateContactDetails',
    ]);
  });

  it('parses a command by its type and normalises its fields', () => {
    // Act
    const command = customerCommandSchema.parse({
      type: 'RegisterCustomer',
      customerId: 'c-1',
      name: ' Ada ',
      email: 'ADA@example.com',
      phone: '+441234567890',
    });

    // Assert
    expect(command).toEqual({
      type: 'RegisterCustomer',
      customerId: 'c-1',
      name: 'Ada',
      email: 'ada@example.com',
      phone: '+441234567890',
    });
  });

  it.each([
    ['an unknown type', { type: 'DeleteCustomer', customerId: 'c-1' }],
    ['a contact update without fields', { type: 'UpdateContactDetails', customerId: 'c-1' }],
    ['an order event without an order id', { type: 'RecordOrderOpened', customerId: 'c-1' }],
    ['a customer id with a colon', { type: 'CloseCustomer', customerId: 'c:1' }],
    ['a field of another command', { type: 'CloseCustomer', customerId: 'c-1', reason: 'x' }],
  ])('refuses %s', (_what, input) => {
    // Act
    const result = customerCommandSchema.safeParse(input);

    // Assert
    expect(result.success).toBe(false);
  });
});
