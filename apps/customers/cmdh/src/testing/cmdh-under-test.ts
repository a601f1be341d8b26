import { randomUUID } from 'node:crypto';
import type { ChangeStream, ChangeStreamDocument, Collection, Db } from 'mongodb';
import { MongoClient } from 'mongodb';
import type { Actor } from '@cqrs/framework-core';
import { TEST_JWT_SECRET, testToken, uniqueName } from '@cqrs/framework-core/testing';
import type { CustomerDocument, CustomerResource } from '@cqrs/customers-shared';
import { customersCollection } from '@cqrs/customers-shared';
import type { RunningApp } from '@cqrs/framework-core';
import { start } from '../app';
import { configSchema } from '../config';

// Jest's global setup points MONGO_URL at the running engine (or an external MongoDB).
export const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';

/** The callers the tests act as. Roles are what the customers rules and routes look at. */
export const actors = {
  clerk: { sub: 'clerk-ann', roles: ['customer_support'] },
  otherClerk: { sub: 'clerk-bob', roles: ['customer_support'] },
  risk: { sub: 'risk-rita', roles: ['risk'] },
  service: { sub: 'customers-evh', roles: ['service'] },
} as const satisfies Record<string, Actor>;

export type ActorName = keyof typeof actors;

/** customers-cmdh config for a test: loopback, a free port, the test JWT secret, quiet logs. */
export const cmdhConfig = (dbName: string, env: Readonly<Record<string, string>> = {}) =>
  configSchema.parse({
    SERVICE_NAME: 'customers-cmdh',
    HOST: '127.0.0.1',
    PORT: 0,
    LOG_LEVEL: 'warn',
    MONGO_URL: mongoUrl,
    MONGO_DB: dbName,
    JWT_HS256_SECRET: TEST_JWT_SECRET,
    ...env,
  });

/** Starts customers-cmdh in this process on `dbName`. */
export const startCmdh = (dbName: string, env: Readonly<Record<string, string>> = {}) =>
  start(cmdhConfig(dbName, env), { installSignalHandlers: false });

/** A database of its own, read with a client of its own; `drop` removes both. */
export async function openTestDb(name: string = uniqueName('customers-cmdh')) {
  const client = await new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 5_000 }).connect();
  const db: Db = client.db(name);
  return {
    name,
    db,
    customers: db.collection<CustomerDocument>(customersCollection),
    async drop() {
      try {
        await db.dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}

export type TestDb = Awaited<ReturnType<typeof openTestDb>>;

/** An HTTP answer: status, headers and the parsed JSON body (`undefined` when there is none). */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  /** The Idempotency-Key sent, if any. */
  readonly key: string | undefined;
}

/** RFC 9457 problem details as the app sends them. */
export interface ProblemBody {
  readonly type: string;
  readonly status: number;
  readonly detail: string;
  readonly reason?: string;
  readonly errors?: readonly { path: string; message: string }[];
  readonly [extension: string]: unknown;
}

export interface CallOptions {
  /** Who calls (default the clerk); `null` sends no Authorization header. */
  readonly as?: ActorName | null;
  /** The Idempotency-Key; a fresh one by default; `null` sends none. */
  readonly key?: string | null;
  readonly ifMatch?: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The body of a successful command answer. */
export const customerOf = (reply: Reply): CustomerResource => {
  if (reply.status >= 300) {
    throw new Error(`expected a customer, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
  return reply.body as CustomerResource;
};

/** The problem details of a refused request. */
export const problemOf = (reply: Reply): ProblemBody => {
  if (reply.status < 400) {
    throw new Error(`expected a problem, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
  return reply.body as ProblemBody;
};

/** `{ status, reason }` of a reply, for one readable assertion on a refusal. */
export const outcomeOf = (reply: Reply) => ({
  status: reply.status,
  reason: (reply.body as { reason?: unknown } | undefined)?.reason,
});

/** An email address no other test uses. */
export const uniqueEmail = (who = 'ada') => `${who}-${randomUUID().slice(0, 8)}@example.com`;

/** Calls the app over real HTTP as one of the test actors. */
export function cmdhClient(baseUrl: string) {
  async function call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    const as = options.as === undefined ? 'clerk' : options.as;
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
    return { status: response.status, headers: response.headers, body, key };
  }

  const client = {
    call,

    /** `POST /customers` with a fresh email unless `body` says otherwise. */
    register: (body: Record<string, unknown> = {}, options: CallOptions = {}) =>
      call('POST', '/customers', {
        ...options,
        body: { name: 'Ada Lovelace', email: uniqueEmail(), ...body },
      }),

    patch: (id: string, body: unknown, options: CallOptions = {}) =>
      call('PATCH', `/customers/${id}`, { ...options, body }),

    block: (id: string, options: CallOptions = {}) =>
      call('POST', `/customers/${id}/block`, {
        as: 'risk',
        body: { reason: 'chargebacks' },
        ...options,
      }),

    unblock: (id: string, options: CallOptions = {}) =>
      call('POST', `/customers/${id}/unblock`, { as: 'risk', ...options }),

    close: (id: string, options: CallOptions = {}) =>
      call('POST', `/customers/${id}/close`, options),

    approveKyc: (id: string, options: CallOptions = {}) =>
      call('POST', `/internal/customers/${id}/kyc/approve`, {
        as: 'service',
        body: { reference: 'kyc-ref-1' },
        ...options,
      }),

    rejectKyc: (id: string, options: CallOptions = {}) =>
      call('POST', `/internal/customers/${id}/kyc/reject`, {
        as: 'service',
        body: { reason: 'document forged' },
        ...options,
      }),

    orderOpened: (id: string, orderId: string, options: CallOptions = {}) =>
      call('POST', `/internal/customers/${id}/orders/${orderId}/opened`, {
        as: 'service',
        ...options,
      }),

    orderClosed: (id: string, orderId: string, options: CallOptions = {}) =>
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

/** One customers-cmdh on a database of its own, a client for it, and clean-up of both. */
export async function cmdhUnderTest(env: Readonly<Record<string, string>> = {}) {
  const database = await openTestDb();
  let app: RunningApp;
  try {
    app = await startCmdh(database.name, env);
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    app,
    url: app.url,
    db: database.db,
    customers: database.customers,
    api: cmdhClient(app.url),
    async stop() {
      try {
        await app.stop();
      } finally {
        await database.drop();
      }
    },
  };
}

/** The customer id in a `Location: /customers/{id}` header. */
export const idFromLocation = (reply: Reply): string | undefined =>
  /^\/customers\/([^/]+)$/.exec(reply.headers.get('location') ?? '')?.[1];

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

/** One series of `commands_total` as `/metrics` reports it. */
export interface CommandCount {
  readonly command: string;
  readonly outcome: string;
  readonly reason: string;
  readonly value: number;
}

/** Every `commands_total` series of the app at `baseUrl`. */
export async function commandCounts(baseUrl: string): Promise<CommandCount[]> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const counts: CommandCount[] = [];
  for (const line of text.split('\n')) {
    const match = /^commands_total\{([^}]*)\} (\S+)$/.exec(line);
    if (!match) continue;
    const labels = new Map<string, string>();
    for (const [, name, value] of match[1]!.matchAll(/(\w+)="([^"]*)"/g)) {
      labels.set(name!, value!);
    }
    counts.push({
      command: labels.get('command') ?? '',
      outcome: labels.get('outcome') ?? '',
      reason: labels.get('reason') ?? '',
      value: Number(match[2]),
    });
  }
  return counts;
}

/** The sum of the `commands_total` series that match `filter`. */
export const countOf = (counts: readonly CommandCount[], filter: Partial<CommandCount>): number =>
  counts
    .filter((c) =>
      Object.entries(filter).every(([name, value]) => c[name as keyof CommandCount] === value),
    )
    .reduce((sum, c) => sum + c.value, 0);

/**
 * Records every insert and replace of `customers` from the moment it resolves: the stream's
 * server cursor exists before the caller writes anything, so no write is missed.
 */
export async function recordWrites(customers: Collection<CustomerDocument>) {
  const stream: ChangeStream<CustomerDocument> = customers.watch(
    [{ $match: { operationType: { $in: ['insert', 'replace'] } } }],
    { maxAwaitTimeMS: 100 },
  );
  const written: CustomerDocument[] = [];
  const take = (change: ChangeStreamDocument<CustomerDocument> | null) => {
    if (change && 'fullDocument' in change && change.fullDocument) {
      written.push(change.fullDocument);
    }
  };
  // The first round trip opens the server cursor.
  take(await stream.tryNext());
  let closed = false;
  let failure: Error | undefined;
  const pump = (async () => {
    while (!closed) {
      try {
        take(await stream.tryNext());
      } catch (error) {
        if (!closed) failure = error instanceof Error ? error : new Error(String(error));
        return;
      }
    }
  })();
  return {
    /** The documents written so far, in commit order. */
    written,
    /** Throws if the stream failed, so a test never waits on a dead stream in silence. */
    check() {
      if (failure !== undefined) throw failure;
    },
    async close() {
      closed = true;
      await stream.close().catch(() => undefined);
      await pump;
    },
  };
}

/** Asserts that the stored customer is exactly `before`: nothing was written. */
export async function expectUnchanged(
  customers: Collection<CustomerDocument>,
  before: CustomerDocument | null,
): Promise<void> {
  if (before === null) throw new Error('expectUnchanged needs the document as it was');
  const now = await customers.findOne({ _id: before._id });
  expect(now).toEqual(before);
}
