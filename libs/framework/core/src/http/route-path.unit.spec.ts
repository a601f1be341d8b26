import { toExpressPath } from './route-path';

describe('toExpressPath', () => {
  it.each([
    ['/customers', '/customers'],
    ['/customers/{id}', '/customers/:id'],
    ['/customers/{customerId}/orders/{order_id}', '/customers/:customerId/orders/:order_id'],
  ])('converts %s to %s', (template, expected) => {
    expect(toExpressPath(template)).toBe(expected);
  });
});
