import { checkOpenOrders, checkStandings } from './between-services';

describe('between the services', () => {
  const customers = [
    { _id: 'c1', status: 'active', openOrderIds: ['o1', 'o9'] },
    { _id: 'c2', status: 'blocked', openOrderIds: [] },
  ];

  it('finds nothing when open orders and standings agree', () => {
    // Act
    const drifts = [
      ...checkOpenOrders(customers, [
        { _id: 'o1', customerId: 'c1', status: 'placed' },
        { _id: 'o9', customerId: 'c1', status: 'on_hold' },
        { _id: 'o2', customerId: 'c2', status: 'shipped' },
      ]),
      ...checkStandings(customers, [
        { _id: 'c1', standing: 'active' },
        { _id: 'c2', standing: 'blocked' },
      ]),
    ];

    // Assert
    expect(drifts).toEqual([]);
  });

  it('reports open orders recorded on only one side and orders of unknown customers', () => {
    // Act
    const drifts = checkOpenOrders(customers, [
      { _id: 'o1', customerId: 'c1', status: 'paid' },
      { _id: 'o9', customerId: 'c1', status: 'cancelled' },
      { _id: 'o3', customerId: 'c2', status: 'placed' },
      { _id: 'o4', customerId: 'c7', status: 'shipped' },
    ]);

    // Assert
    expect(drifts.map((d) => [d.service, d.id, d.detail])).toEqual([
      ['customers', 'c1', 'recorded open, not open in orders: o9'],
      ['customers', 'c2', 'open in orders, not recorded: o3'],
      ['orders', 'o4', 'order of customer c7, whom the customers service does not know'],
    ]);
  });

  it('reports a standing that differs, is missing, or has no customer', () => {
    // Act
    const drifts = checkStandings(customers, [
      { _id: 'c1', standing: 'pending_kyc' },
      { _id: 'c5', standing: 'active' },
    ]);

    // Assert
    expect(drifts.map((d) => [d.id, d.detail])).toEqual([
      ['c1', 'standing pending_kyc in orders, but the customer is active'],
      ['c2', 'no standing in orders for a blocked customer'],
      ['c5', 'standing active for a customer the customers service does not know'],
    ]);
  });
});
