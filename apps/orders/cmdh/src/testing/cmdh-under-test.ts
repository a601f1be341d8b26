import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { MongoClient } from 'mongodb';
import type { Actor, RunningApp } from '@cqrs/framework-core';
import { TEST_JWT_SECRET, testToken, uniqueName } from '@cqrs/framework-core/testing';
import type {
  CustomerOrdersChanged,
  CustomerStandingDocument,
  OrderDocument,
  OrderResource,
  Standing,
} from '@cqrs/orders-shared';
import { customerStandingsCollection, ordersCollection } from '@cqrs/orders-shared';
import { start } from '../app';
import { configSchema } from '../config';

// Jest's global setup points MONGO_URL at the running engine (or an external MongoDB).
export const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';

/** The callers the tests act as. */
export const actors = {
  shopper: { sub: 'shopper-ann', roles: ['customer'] },
  clerk: { sub: 'clerk-bob', roles: ['customer_support'] },
  service: { sub: 'orders-evh', roles: ['service'] },
} as const satisfies Record<string, Actor>;

export type ActorName = keyof typeof actors;

/** orders-cmdh config for a test: loopback, a free port, the test JWT secret, quiet logs. */
export const cmdhConfig = (dbName: string, env: Readonly<Record<string, string>> = {}) =>
  configSchema.parse({
    SERVICE_NAME: 'orders-cmdh',
    HOST: '127.0.0.1',
    PORT: 0,
    LOG_LEVEL: 'warn',
    MONGO_URL: mongoUrl,
    MONGO_DB: dbName,
    JWT_HS256_SECRET: TEST_JWT_SECRET,
    ...env,
  });

/** An HTTP answer: status, headers and the parsed JSON body (`undefined` when there is none). */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

export interface CallOptions {
  /** Who calls (default the shopper); `null` sends no Authorization header. */
  readonly as?: ActorName | null;
  /** The Idempotency-Key; a fresh one by default; `null` sends none. */
  readonly key?: string | null;
  readonly ifMatch?: string;
  readonly body?: unknown;
}

/** The body of a successful order command answer. */
export const orderOf = (reply: Reply): OrderResource => {
  if (reply.status >= 300) {
    throw new Error(`expected an order, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
  return reply.body as OrderResource;
};

/** The body of a successful hold / release answer. */
export const changedOf = (reply: Reply): CustomerOrdersChanged['orders'] => {
  if (reply.status !== 200) {
    throw new Error(`expected 200, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
  return (reply.body as CustomerOrdersChanged).orders;
};

/** `{ status, reason }` of a reply, for one readable assertion on a refusal. */
export const outcomeOf = (reply: Reply) => ({
  status: reply.status,
  reason: (reply.body as { reason?: unknown } | undefined)?.reason,
});

/** Two lines: 2 x 12.50 + 1 x 4.99 = 29.99. */
export const sampleLines = [
  { sku: 'BOOK-1', quantity: 2, unitPrice: 1250 },
  { sku: 'PEN-2', quantity: 1, unitPrice: 499 },
];
export const sampleTotal = 2999;

/** A customer id no other test uses. */
export const newCustomerId = () => `c-${randomUUID()}`;

/** Calls the app over real HTTP as one of the test actors. */
export function cmdhClient(baseUrl: string) {
  async function call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = {};
    const as = options.as === undefined ? 'shopper' : options.as;
    if (as !== null) headers.authorization = `Bearer ${await testToken(actors[as])}`;
    const key = options.key === undefined ? randomUUID() : (options.key ?? undefined);
    if (key !== undefined) headers['idempotency-key'] = key;
    if (options.ifMatch !== undefined) headers['if-match'] = options.ifMatch;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    return { status: response.status, headers: response.headers, body };
  }

  /** Customer versions only go up; each recorded standing takes the next one. */
  const customerVersions = new Map<string, number>();

  const client = {
    call,

    place: (customerId: string, body: Record<string, unknown> = {}, options: CallOptions = {}) =>
      call('POST', '/orders', {
        ...options,
        body: { customerId, lines: sampleLines, currency: 'EUR', ...body },
      }),

    cancel: (id: string, options: CallOptions = {}) =>
      call('POST', `/orders/${id}/cancel`, { body: { reason: 'changed my mind' }, ...options }),

    ship: (id: string, options: CallOptions = {}) =>
      call('POST', `/orders/${id}/ship`, { as: 'clerk', ...options }),

    paymentSucceeded: (id: string, options: CallOptions = {}) =>
      call('POST', `/internal/orders/${id}/payment-succeeded`, {
        as: 'service',
        body: { reference: 'pay-ref-1' },
        ...options,
      }),

    paymentFailed: (id: string, options: CallOptions = {}) =>
      call('POST', `/internal/orders/${id}/payment-failed`, {
        as: 'service',
        body: { reason: 'card declined' },
        ...options,
      }),

    recordStanding: (
      customerId: string,
      standing: Standing,
      customerVersion?: number,
      options: CallOptions = {},
    ) => {
      const version = customerVersion ?? (customerVersions.get(customerId) ?? 0) + 1;
      customerVersions.set(customerId, Math.max(version, customerVersions.get(customerId) ?? 0));
      return call('POST', `/internal/customer-standings/${customerId}`, {
        as: 'service',
        body: { standing, customerVersion: version },
        ...options,
      });
    },

    hold: (customerId: string, options: CallOptions = {}) =>
      call('POST', `/internal/customers/${customerId}/orders/hold`, {
        as: 'service',
        body: { reason: 'customer_blocked' },
        ...options,
      }),

    release: (customerId: string, options: CallOptions = {}) =>
      call('POST', `/internal/customers/${customerId}/orders/release`, {
        as: 'service',
        ...options,
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

/** One orders-cmdh on a database of its own, a client for it, and clean-up of both. */
export async function cmdhUnderTest(env: Readonly<Record<string, string>> = {}) {
  const name = uniqueName('orders-cmdh');
  const client = await new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 5_000 }).connect();
  const db: Db = client.db(name);
  let app: RunningApp;
  try {
    app = await start(cmdhConfig(name, env), { installSignalHandlers: false });
  } catch (error) {
    await db.dropDatabase();
    await client.close();
    throw error;
  }
  return {
    app,
    url: app.url,
    db,
    orders: db.collection<OrderDocument>(ordersCollection),
    standings: db.collection<CustomerStandingDocument>(customerStandingsCollection),
    api: cmdhClient(app.url),
    async stop() {
      try {
        await app.stop();
      } finally {
        try {
          await db.dropDatabase();
        } finally {
          await client.close();
        }
      }
    },
  };
}

export type CmdhUnderTest = Awaited<ReturnType<typeof cmdhUnderTest>>;

/** Polls `condition` until it holds; fails naming `what` after a generous deadline. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
