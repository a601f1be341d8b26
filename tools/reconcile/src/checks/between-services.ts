import type { OrderStatus } from '@cqrs/orders-shared';
import { isFinalOrderStatus } from '@cqrs/orders-shared';
import type { Drift } from '../report';

/** What the checks need of a customer document. */
export interface CustomerFacts {
  readonly _id: string;
  readonly status: string;
  readonly openOrderIds: readonly string[];
}

/** What they need of an order document. */
export interface CustomerOrder {
  readonly _id: string;
  readonly customerId: string;
  readonly status: OrderStatus;
}

/** What they need of a `customer_standings` document. */
export interface StandingFacts {
  readonly _id: string;
  readonly standing: string;
}

/**
 * Customers versus orders: each customer's `openOrderIds` are exactly the orders service's
 * orders of that customer not in a final status; an order of a customer the customers service
 * does not know is drift too.
 */
export function checkOpenOrders(
  customers: readonly CustomerFacts[],
  orders: readonly CustomerOrder[],
): Drift[] {
  const open = new Map<string, Set<string>>();
  for (const order of orders) {
    if (isFinalOrderStatus(order.status)) continue;
    const ids = open.get(order.customerId) ?? new Set<string>();
    ids.add(order._id);
    open.set(order.customerId, ids);
  }
  const known = new Set(customers.map((c) => c._id));
  const drifts: Drift[] = [];
  for (const customer of customers) {
    const recorded = new Set(customer.openOrderIds);
    const actual = open.get(customer._id) ?? new Set<string>();
    const unrecorded = [...actual].filter((id) => !recorded.has(id));
    const stale = [...recorded].filter((id) => !actual.has(id));
    if (unrecorded.length === 0 && stale.length === 0) continue;
    const parts = [
      ...(unrecorded.length > 0 ? [`open in orders, not recorded: ${unrecorded.join(', ')}`] : []),
      ...(stale.length > 0 ? [`recorded open, not open in orders: ${stale.join(', ')}`] : []),
    ];
    drifts.push({
      service: 'customers',
      check: 'open-orders',
      id: customer._id,
      detail: parts.join('; '),
    });
  }
  for (const order of orders) {
    if (!known.has(order.customerId)) {
      drifts.push({
        service: 'orders',
        check: 'open-orders',
        id: order._id,
        detail: `order of customer ${order.customerId}, whom the customers service does not know`,
      });
    }
  }
  return drifts;
}

/**
 * Customers versus orders' own copy: every customer has a standing in the orders service equal
 * to its status, and no standing exists for a customer the customers service does not know.
 */
export function checkStandings(
  customers: readonly CustomerFacts[],
  standings: readonly StandingFacts[],
): Drift[] {
  const byId = new Map(standings.map((s) => [s._id, s.standing]));
  const drifts: Drift[] = [];
  for (const customer of customers) {
    const standing = byId.get(customer._id);
    byId.delete(customer._id);
    if (standing === customer.status) continue;
    drifts.push({
      service: 'orders',
      check: 'standing',
      id: customer._id,
      detail:
        standing === undefined
          ? `no standing in orders for a ${customer.status} customer`
          : `standing ${standing} in orders, but the customer is ${customer.status}`,
    });
  }
  for (const [customerId, standing] of byId) {
    drifts.push({
      service: 'orders',
      check: 'standing',
      id: customerId,
      detail: `standing ${standing} for a customer the customers service does not know`,
    });
  }
  return drifts;
}
