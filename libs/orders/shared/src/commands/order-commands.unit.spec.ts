import { customerStandingCommandSchema } from './customer-standing-commands';
import { orderCommandSchema, orderCommandTypes } from './order-commands';

const placeOrder = {
  type: 'PlaceOrder',
  orderId: 'o-1',
  customerId: 'c-1',
  lines: [{ sku: 'A', quantity: 1, unitPrice: 100 }],
  currency: 'eur',
  customerStanding: 'active',
};

describe('Order commands', () => {
  it('lists every command type once', () => {
    // Assert
    expect([...orderCommandTypes].sort()).toEqual([
      'CancelOrder',
      'CancelUnpaidOrder',
      'HoldOrder',
      'PlaceOrder',
      'RecordPaymentFailed',
      'RecordPaymentSucceeded',
      'ReleaseOrder',
      'ShipOrder',
    ]);
  });

  it('parses a command by its type and normalises its fields', () => {
    // Act
    const command = orderCommandSchema.parse(placeOrder);

    // Assert
    expect(command).toEqual({ ...placeOrder, currency: 'EUR' });
  });

  it('takes an unknown customer as standing null', () => {
    // Act
    const result = orderCommandSchema.safeParse({ ...placeOrder, customerStanding: null });

    // Assert
    expect(result.success).toBe(true);
  });

  it.each([
    ['an unknown type', { type: 'RefundOrder', orderId: 'o-1' }],
    ['a placement without the standing', { ...placeOrder, customerStanding: undefined }],
    ['a placement with a total', { ...placeOrder, total: 100 }],
    ['a hold without a reason', { type: 'HoldOrder', orderId: 'o-1' }],
    ['an order id with a colon', { type: 'ShipOrder', orderId: 'o:1' }],
    ['a field of another command', { type: 'ShipOrder', orderId: 'o-1', reason: 'x' }],
  ])('refuses %s', (_what, input) => {
    // Act
    const result = orderCommandSchema.safeParse(input);

    // Assert
    expect(result.success).toBe(false);
  });

  it('parses a standing command and refuses one without a customer version', () => {
    // Arrange
    const command = {
      type: 'RecordCustomerStanding',
      customerId: 'c-1',
      standing: 'blocked',
      customerVersion: 4,
    };

    // Act
    const ok = customerStandingCommandSchema.safeParse(command);
    const bad = customerStandingCommandSchema.safeParse({ ...command, customerVersion: undefined });

    // Assert
    expect(ok.success).toBe(true);
    expect(bad.success).toBe(false);
  });
});
