import type { IndexDeclaration } from '@cqrs/framework-mongo';

/** The write model: one document per customer (state + version + last event). */
export const customersCollection = 'customers';

/**
 * The audit trail `customers-chgh` writes, one entry per customer version. Its index comes with
 * the framework's audit trail (`auditTrailIndexes`), so it is not repeated here.
 */
export const customerHistoryCollection = 'customer_history';

/** The unique index on `email`; a write it refuses means the address is taken. */
export const customerEmailIndexName = 'email_unique';

/**
 * Indexes of the `customers` collection.
 *
 * Email is unique over *all* customers, closed and rejected ones included: the embedded engine
 * (mongo-java-server 1.47) ignores `partialFilterExpression` and would build a full unique index
 * anyway, so a partial one would behave differently on a laptop and in production. A closed
 * customer's address therefore cannot register again; re-opening is a separate feature.
 * Emails are lower-cased by their schema, so the index is effectively case-insensitive.
 */
export const customerIndexes: readonly IndexDeclaration[] = [
  // Lookups and `?email=` listings; also enforces one customer per address.
  {
    collection: customersCollection,
    key: { email: 1 },
    name: customerEmailIndexName,
    unique: true,
  },
  // `?status=` listings, keyset-paged by `_id`.
  { collection: customersCollection, key: { status: 1, _id: 1 }, name: 'status_id' },
  // The KYC expiry job: `{ status: 'pending_kyc', registeredAt: { $lt: cutoff } }`, oldest first.
  {
    collection: customersCollection,
    key: { status: 1, registeredAt: 1 },
    name: 'status_registered_at',
  },
];
