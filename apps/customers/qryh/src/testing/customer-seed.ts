import type { Db } from 'mongodb';
import { historySeeder } from '@cqrs/framework-query-handling/testing';
import type { CustomerEvent } from '@cqrs/customers-shared';
import {
  customerHistoryCollection,
  customersCollection,
  evolveCustomer,
  toCustomerResource,
  toDocument,
} from '@cqrs/customers-shared';

export const t0 = new Date('2025-03-01T09:00:00.000Z');

/** `minutes` after `t0`, as events carry it. */
export const at = (minutes: number): string =>
  new Date(t0.getTime() + minutes * 60_000).toISOString();

/** Who issued every seeded command (shows up in the history). */
export const seedActor = { sub: 'clerk-7', roles: ['customer_support'] };

/** Seeds customers and their history as customers-cmdh and customers-chgh write them. */
export const customerSeeder = (db: Db) => ({
  seed: historySeeder(
    db,
    {
      collection: customersCollection,
      history: customerHistoryCollection,
      evolve: evolveCustomer,
      toDocument,
      toResource: toCustomerResource,
      aggregateIdOf: (event: CustomerEvent) => event.customerId,
    },
    seedActor,
  ),
});

/** `customer.registered.v1` of `customerId` at minute `minute`. */
export const registered = (customerId: string, email: string, minute = 0): CustomerEvent => ({
  type: 'customer.registered.v1',
  customerId,
  occurredAt: at(minute),
  name: `Customer ${customerId}`,
  email,
  phone: '+441234567890',
});

export const approved = (customerId: string, minute = 1): CustomerEvent => ({
  type: 'customer.kyc_approved.v1',
  customerId,
  occurredAt: at(minute),
  reference: `kyc-${customerId}`,
});

export const blocked = (customerId: string, minute = 2): CustomerEvent => ({
  type: 'customer.blocked.v1',
  customerId,
  occurredAt: at(minute),
  reason: 'chargebacks',
});
