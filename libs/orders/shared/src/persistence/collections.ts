import type { IndexDeclaration } from '@cqrs/framework-mongo';

/** The write model: one document per order (state + version + last event). */
export const ordersCollection = 'orders';

/** The write model of `CustomerStanding`: one document per customer, `_id` = customer id. */
export const customerStandingsCollection = 'customer_standings';

/**
 * The audit trail `orders-chgh` writes, one entry per order version. Its index comes with the
 * framework's audit trail (`auditTrailIndexes`), so it is not repeated here.
 */
export const orderHistoryCollection = 'order_history';

/** The read model `orders-chgh` keeps per customer (`OrderStats`, `_id` = customer id). */
export const orderStatsCollection = 'order_stats';

/** The name of that read model (its projection) in the rebuild routes. */
export const orderStatsReadModel = 'order-stats';

/**
 * Indexes of the `orders` collection. None is unique besides `_id`; `customer_standings` and
 * `order_stats` are read by `_id` only.
 */
export const orderIndexes: readonly IndexDeclaration[] = [
  // Hold / release of a customer's orders (`{ customerId, status: { $in: [...] } }`) and
  // `?customerId=&status=` listings, keyset-paged by `_id`.
  {
    collection: ordersCollection,
    key: { customerId: 1, status: 1, _id: 1 },
    name: 'customer_status_id',
  },
  // The unpaid-order job: `{ status: 'placed', placedAt: { $lt: cutoff } }`, oldest first.
  { collection: ordersCollection, key: { status: 1, placedAt: 1 }, name: 'status_placed_at' },
  // `?customerId=` listings, keyset-paged by `_id`.
  { collection: ordersCollection, key: { customerId: 1, _id: 1 }, name: 'customer_id' },
  // `?status=` listings, keyset-paged by `_id`.
  { collection: ordersCollection, key: { status: 1, _id: 1 }, name: 'status_id' },
];
