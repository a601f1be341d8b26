import { randomUUID } from 'node:crypto';
import type { Actor } from '@cqrs/framework-core';
import type { CallOptions, Reply, TestedApp } from '@cqrs/framework-core/testing';
import {
  bodyOf,
  postTo,
  startedForFile,
  startInProcess,
  testCaller,
} from '@cqrs/framework-core/testing';
import { appOnTestDatabase, testDatabase } from '@cqrs/framework-mongo/testing';
import type { CustomerDocument, CustomerResource } from '@cqrs/customers-shared';
import { customersCollection } from '@cqrs/customers-shared';
import { start } from '../app';
import type { Config } from '../config';
import { configSchema } from '../config';

/** customers-cmdh as the tests start it, with its warnings on. */
const customersCmdh: TestedApp<Config> = { service: 'customers-cmdh', configSchema, start };
const testEnv = { LOG_LEVEL: 'warn' };

/** The callers the tests act as. Roles are what the customers rules and routes look at. */
export const actors = {
  clerk: { sub: 'clerk-ann', roles: ['customer_support'] },
  otherClerk: { sub: 'clerk-bob', roles: ['customer_support'] },
  risk: { sub: 'risk-rita', roles: ['risk'] },
  service: { sub: 'customers-evh', roles: ['service'] },
} as const satisfies Record<string, Actor>;

type Options = CallOptions<keyof typeof actors>;

/** Starts customers-cmdh in this process on the database `dbName`. */
export const startCmdh = (dbName: string, env: Readonly<Record<string, string>> = {}) =>
  startInProcess(customersCmdh, { ...testEnv, ...env, MONGO_DB: dbName });

/** A database of its own with its `customers` collection; `drop` removes it. */
export async function openTestDb() {
  const database = await testDatabase('customers-cmdh');
  return { ...database, customers: database.db.collection<CustomerDocument>(customersCollection) };
}

export type TestDb = Awaited<ReturnType<typeof openTestDb>>;

/** The body of a successful command answer. */
export const customerOf = (reply: Reply) => bodyOf<CustomerResource>(reply, 'a customer');

/** An email address no other test uses. */
export const uniqueEmail = (who = 'ada') => `${who}-${randomUUID().slice(0, 8)}@example.com`;

/** Calls customers-cmdh over real HTTP (at `baseUrl`, or where it says) as a test actor. */
export function cmdhClient(baseUrl: string | (() => string)) {
  const call = testCaller(baseUrl, actors, 'clerk');
  const post = (path: (id: string) => string, defaults: Options = {}) =>
    postTo(call, path, defaults);

  const client = {
    call,

    /** `POST /customers` with a fresh email unless `body` says otherwise. */
    register: (body: Record<string, unknown> = {}, options: Options = {}) =>
      call('POST', '/customers', {
        ...options,
        body: { name: 'Ada Lovelace', email: uniqueEmail(), ...body },
      }),

    patch: (id: string, body: unknown, options: Options = {}) =>
      call('PATCH', `/customers/${id}`, { ...options, body }),

    block: post((id) => `/customers/${id}/block`, { as: 'risk', body: { reason: 'chargebacks' } }),
    unblock: post((id) => `/customers/${id}/unblock`, { as: 'risk' }),
    close: post((id) => `/customers/${id}/close`),
    approveKyc: post((id) => `/internal/customers/${id}/kyc/approve`, {
      as: 'service',
      body: { reference: 'kyc-ref-1' },
    }),
    rejectKyc: post((id) => `/internal/customers/${id}/kyc/reject`, {
      as: 'service',
      body: { reason: 'document forged' },
    }),

    orderOpened: (id: string, orderId: string, options: Options = {}) =>
      call('POST', `/internal/customers/${id}/orders/${orderId}/opened`, {
        as: 'service',
        ...options,
      }),

    orderClosed: (id: string, orderId: string, options: Options = {}) =>
      call('POST', `/internal/customers/${id}/orders/${orderId}/closed`, {
        as: 'service',
        ...options,
      }),

    /** Registers a customer and returns its id (fails loudly unless it was registered). */
    async registered(body: Record<string, unknown> = {}): Promise<string> {
      return customerOf(await client.register(body)).id;
    },

    /** A new customer driven over HTTP into `status`; fails loudly if any step is refused. */
    async customerIn(
      status: 'pending_kyc' | 'active' | 'rejected' | 'blocked' | 'closed',
    ): Promise<string> {
      const id = await client.registered();
      const step = async (reply: Promise<Reply>) => customerOf(await reply);
      if (status === 'rejected') await step(client.rejectKyc(id));
      if (status === 'active' || status === 'blocked' || status === 'closed') {
        await step(client.approveKyc(id));
      }
      if (status === 'blocked') await step(client.block(id));
      if (status === 'closed') await step(client.close(id));
      return id;
    },
  };
  return client;
}

export type CmdhClient = ReturnType<typeof cmdhClient>;

/** One customers-cmdh on a database of its own with its `customers`; `stop` drops both. */
export async function cmdhUnderTest(env: Readonly<Record<string, string>> = {}) {
  const cmdh = await appOnTestDatabase(customersCmdh, { env: { ...testEnv, ...env } });
  return { ...cmdh, customers: cmdh.db.collection<CustomerDocument>(customersCollection) };
}

export type CmdhUnderTest = Awaited<ReturnType<typeof cmdhUnderTest>>;

/**
 * One customers-cmdh for the tests of a spec file (started before them, stopped after) and a
 * client calling it as the test actors.
 */
export function cmdhForFile() {
  const cmdh = startedForFile(() => cmdhUnderTest());
  return { cmdh, api: cmdhClient(() => cmdh.url) };
}
