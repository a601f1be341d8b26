import { randomUUID } from 'node:crypto';
import type { Actor } from '@cqrs/framework-core';
import type { CallOptions, Reply, TestedApp } from '@cqrs/framework-core/testing';
import { bodyOf, postTo, startedForFile, testCaller } from '@cqrs/framework-core/testing';
import { appOnTestDatabase } from '@cqrs/framework-mongo/testing';
import type {
  CustomerOrdersChanged,
  CustomerStandingDocument,
  OrderDocument,
  OrderResource,
  Standing,
} from '@cqrs/orders-shared';
import { customerStandingsCollection, ordersCollection } from '@cqrs/orders-shared';
import { start } from '../app';
import type { Config } from '../config';
import { configSchema } from '../config';

/** orders-cmdh as the tests start it. */
const ordersCmdh: TestedApp<Config> = { service: 'orders-cmdh', configSchema, start };

/** The callers the tests act as. */
export const actors = {
  shopper: { sub: 'shopper-ann', roles: ['customer'] },
  clerk: { sub: 'clerk-bob', roles: ['customer_support'] },
  service: { sub: 'orders-evh', roles: ['service'] },
} as const satisfies Record<string, Actor>;

type Options = CallOptions<keyof typeof actors>;

/** The body of a successful order command answer. */
export const orderOf = (reply: Reply) => bodyOf<OrderResource>(reply, 'an order');

/** The body of a successful hold / release answer. */
export const changedOf = (reply: Reply): CustomerOrdersChanged['orders'] => {
  if (reply.status !== 200) {
    throw new Error(`expected 200, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
  return (reply.body as CustomerOrdersChanged).orders;
};

/** Two lines: 2 x 12.50 + 1 x 4.99 = 29.99. */
export const sampleLines = [
  { sku: 'BOOK-1', quantity: 2, unitPrice: 1250 },
  { sku: 'PEN-2', quantity: 1, unitPrice: 499 },
];
export const sampleTotal = 2999;

/** A customer id no other test uses. */
export const newCustomerId = () => `c-${randomUUID()}`;

/** Calls orders-cmdh over real HTTP (at `baseUrl`, or where it says) as a test actor. */
export function cmdhClient(baseUrl: string | (() => string)) {
  const call = testCaller(baseUrl, actors, 'shopper');
  const post = (path: (id: string) => string, defaults: Options = {}) =>
    postTo(call, path, defaults);

  /** Customer versions only go up; each recorded standing takes the next one. */
  const customerVersions = new Map<string, number>();

  const client = {
    call,

    place: (customerId: string, body: Record<string, unknown> = {}, options: Options = {}) =>
      call('POST', '/orders', {
        ...options,
        body: { customerId, lines: sampleLines, currency: 'EUR', ...body },
      }),

    cancel: post((id) => `/orders/${id}/cancel`, { body: { reason: 'changed my mind' } }),
    ship: post((id) => `/orders/${id}/ship`, { as: 'clerk' }),
    paymentSucceeded: post((id) => `/internal/orders/${id}/payment-succeeded`, {
      as: 'service',
      body: { reference: 'pay-ref-1' },
    }),
    paymentFailed: post((id) => `/internal/orders/${id}/payment-failed`, {
      as: 'service',
      body: { reason: 'card declined' },
    }),

    recordStanding: (
      customerId: string,
      standing: Standing,
      customerVersion?: number,
      options: Options = {},
    ) => {
      const version = customerVersion ?? (customerVersions.get(customerId) ?? 0) + 1;
      customerVersions.set(customerId, Math.max(version, customerVersions.get(customerId) ?? 0));
      return call('POST', `/internal/customer-standings/${customerId}`, {
        as: 'service',
        body: { standing, customerVersion: version },
        ...options,
      });
    },

    hold: post((customerId) => `/internal/customers/${customerId}/orders/hold`, {
      as: 'service',
      body: { reason: 'customer_blocked' },
    }),
    release: post((customerId) => `/internal/customers/${customerId}/orders/release`, {
      as: 'service',
    }),

    /** A new customer recorded as `active`. */
    async activeCustomer(): Promise<string> {
      const customerId = newCustomerId();
      const reply = await client.recordStanding(customerId, 'active');
      if (reply.status !== 200) throw new Error(`standing not recorded: ${reply.status}`);
      return customerId;
    },

    /** An order of `customerId` placed (fails loudly unless it was). */
    async placed(customerId: string): Promise<OrderResource> {
      return orderOf(await client.place(customerId));
    },

    /** An order of `customerId` placed and paid. */
    async paid(customerId: string): Promise<OrderResource> {
      const order = await client.placed(customerId);
      return orderOf(await client.paymentSucceeded(order.id));
    },
  };
  return client;
}

export type CmdhClient = ReturnType<typeof cmdhClient>;

/** One orders-cmdh on a database of its own, a client for it; `stop` drops the database. */
export async function cmdhUnderTest(env: Readonly<Record<string, string>> = {}) {
  const cmdh = await appOnTestDatabase(ordersCmdh, { env: { LOG_LEVEL: 'warn', ...env } });
  return {
    ...cmdh,
    orders: cmdh.db.collection<OrderDocument>(ordersCollection),
    standings: cmdh.db.collection<CustomerStandingDocument>(customerStandingsCollection),
    api: cmdhClient(cmdh.url),
  };
}

export type CmdhUnderTest = Awaited<ReturnType<typeof cmdhUnderTest>>;

/**
 * One orders-cmdh for the tests of a spec file (started before them, stopped after) and a
 * client calling it as the test actors.
 */
export function cmdhForFile() {
  const cmdh = startedForFile(() => cmdhUnderTest());
  return { cmdh, api: cmdhClient(() => cmdh.url) };
}
