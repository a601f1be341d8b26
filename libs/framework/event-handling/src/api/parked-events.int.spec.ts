import { MongoClient } from 'mongodb';
import { createCommandClient } from '@cqrs/framework-command-client';
import type { FakeCmdh } from '@cqrs/framework-command-client/testing';
import { startFakeCmdh } from '@cqrs/framework-command-client/testing';
import {
  createAuthenticator,
  createHttpApp,
  createLogger,
  createMetrics,
  type Problem,
} from '@cqrs/framework-core';
import type { TestApp } from '@cqrs/framework-core/testing';
import { startTestApp, TEST_JWT_SECRET, testToken, uniqueName } from '@cqrs/framework-core/testing';
import type { CloudEvent } from '@cqrs/framework-kafka';
import { createKafka, toKafkaMessage } from '@cqrs/framework-kafka';
import type { JobRunner } from '@cqrs/framework-jobs';
import { createJobRunner, createJobStore } from '@cqrs/framework-jobs';
import { applyIndexes } from '@cqrs/framework-mongo';
import type { Registry } from 'prom-client';
import { createEventHandler } from '../consumer/event-handler';
import { eventHandlerMetrics, parkedEventsGauge } from '../consumer/event-handler-metrics';
import type { ParkReason, RawMessage } from '../parking/parked-event';
import type { ParkedEventStore } from '../parking/parked-event-store';
import {
  createParkedEventStore,
  parkedEventIndexes,
  parkedEventQuery,
} from '../parking/parked-event-store';
import type { ParkedReplayFilter } from '../replay/parked-replay-job';
import { parkedReplayJob } from '../replay/parked-replay-job';
import { idempotencyKeyFor } from '../routing/command-call';
import { customerEvent, testRoutes } from '../testing/test-events';
import type { ParkedEventResource } from './parked-event-resource';
import { parkedEventsHandlers } from './parked-events-handlers';
import { parkedEventsRoutes } from './parked-events-routes';

const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';
const mongo = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 5_000 });
const logger = createLogger({ name: 'test-evh', level: 'silent' });
const topic = 'customers.events.v1';
const refused: ParkReason = {
  code: 'refused',
  message: 'Closed',
  status: 422,
  problemReason: 'closed',
};

let db: ReturnType<MongoClient['db']>;
let store: ParkedEventStore;
let cmdh: FakeCmdh;
let app: TestApp;
let operator: string;
let clock: Date;
let registry: Registry;
let replays: JobRunner<ParkedReplayFilter>;
const client = () => createCommandClient({ baseUrl: cmdh.url, token: () => 'svc', logger });
let closeClient: () => void;

beforeAll(async () => {
  await mongo.connect();
  operator = await testToken({ sub: 'ops-1', roles: ['operator'] });
});
beforeEach(async () => {
  db = mongo.db(uniqueName('evh-parked'));
  store = createParkedEventStore(db);
  cmdh = await startFakeCmdh();
  clock = new Date('2026-03-01T00:00:00.000Z');
  const commands = client();
  closeClient = () => commands.close();
  registry = createMetrics('test-evh').registry;
  const handler = createEventHandler({
    // Replays never touch Kafka; the client is only created, never connected.
    kafka: createKafka({ clientId: 'unused', brokers: ['127.0.0.1:1'], logger }),
    groupId: 'orders-evh',
    topic,
    routes: testRoutes,
    client: commands,
    parked: store,
    logger,
    metrics: { registry },
    now: () => clock,
  });
  parkedEventsGauge(registry, store);
  // Started by the tests that run bulk replays; jobs are taken as of the real time.
  replays = createJobRunner({
    db,
    store: createJobStore(db),
    kind: parkedReplayJob(store, handler),
    logger,
    pollIntervalMs: 50,
    claimTtlMs: 3_000,
  });
  const routes = parkedEventsRoutes('orders');
  app = await startTestApp(
    createHttpApp({
      logger,
      metrics: createMetrics('test-evh-http'),
      authenticator: createAuthenticator({ hs256Secret: TEST_JWT_SECRET }),
      routes: parkedEventsHandlers(routes, handler, store, {
        replays,
        metrics: eventHandlerMetrics(registry),
        now: () => clock,
      }),
    }),
  );
});
afterEach(async () => {
  await replays.stop();
  closeClient();
  await app.close();
  await cmdh.close();
  await db.dropDatabase();
});
afterAll(() => mongo.close());

const raw = (event: CloudEvent | string, offset: number): RawMessage => {
  const message =
    typeof event === 'string' ? { key: null, value: event, headers: {} } : toKafkaMessage(event);
  return {
    topic,
    partition: 0,
    offset: String(offset),
    key: message.key,
    headers: Object.entries(message.headers).map(([name, value]) => ({ name, value })),
    value: message.value,
  };
};

async function park(event: CloudEvent, offset: number, reason = refused, parkedAt = clock) {
  await store.park({
    id: event.id,
    message: raw(event, offset),
    type: event.type,
    reason,
    attempts: 1,
    parkedAt,
  });
}

async function call(method: 'GET' | 'POST', path: string, token = operator, body?: unknown) {
  const response = await fetch(app.url + path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    location: response.headers.get('location'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('parked event store', () => {
  it('parks the same event twice as one document, adding attempts and keeping the latest reason', async () => {
    const event = customerEvent('customer.registered.v1', { customerId: 'c-1' });
    await park(event, 3);
    await store.markReplayed(event.id, clock);

    const later = new Date('2026-03-02T00:00:00.000Z');
    await park(event, 9, { code: 'retries_exhausted', message: 'down', status: 503 }, later);

    expect(await db.collection('parked_events').countDocuments()).toBe(1);
    const stored = await store.get(event.id);
    expect(stored).toMatchObject({
      offset: '9',
      type: 'customer.registered.v1',
      reason: { code: 'retries_exhausted', message: 'down', status: 503 },
      attempts: 2,
      parkedAt: later,
      status: 'parked',
    });
    expect(stored?.replayedAt).toBeUndefined();
    expect(JSON.parse(stored?.value ?? '')).toEqual(event);
  });

  it('builds its declared indexes', async () => {
    const applied = await applyIndexes(db, parkedEventIndexes(), logger);

    expect(applied.created).toEqual([
      'parked_events.status_parkedAt',
      'parked_events.parkedAt',
      'parked_events.status_reason_parkedAt',
      'parked_events.status_type_parkedAt',
    ]);
  });
});

describe('GET /orders/parked-events', () => {
  it('lists the most recently parked first, page by page, filtered by status', async () => {
    const events = [1, 2, 3].map((n) =>
      customerEvent('customer.registered.v1', { customerId: `c-${n}` }),
    );
    for (const [i, event] of events.entries()) {
      await park(event, i, refused, new Date(Date.UTC(2026, 2, 1, i)));
    }
    await store.markReplayed(events[0]!.id, clock);

    const first = await call('GET', '/orders/parked-events?status=parked&limit=1');
    const cursor = (first.body as { nextCursor: string }).nextCursor;
    const second = await call(
      'GET',
      `/orders/parked-events?status=parked&limit=1&cursor=${cursor}`,
    );
    const all = await call('GET', '/orders/parked-events');

    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      items: [
        {
          id: events[2]!.id,
          topic,
          partition: 0,
          offset: '2',
          type: 'customer.registered.v1',
          reason: refused,
          attempts: 1,
          parkedAt: '2026-03-01T02:00:00.000Z',
          status: 'parked',
          replayedAt: null,
          discarded: null,
        },
      ],
      nextCursor: expect.any(String) as string,
    });
    expect(second.body).toMatchObject({ items: [{ id: events[1]!.id }], nextCursor: null });
    const items = (all.body as { items: ParkedEventResource[] }).items;
    expect(items.map((i) => i.status)).toEqual(['parked', 'parked', 'replayed']);
  });

  it('refuses callers without the operator role, and unknown filters', async () => {
    const reader = await testToken({ sub: 'u-1', roles: ['reader'] });

    const forbidden = await call('GET', '/orders/parked-events', reader);
    const unauthenticated = await call('GET', '/orders/parked-events', 'not-a-token');
    const invalid = await call('GET', '/orders/parked-events?state=parked');

    expect(forbidden.status).toBe(403);
    expect(unauthenticated.status).toBe(401);
    expect(invalid.status).toBe(400);
  });
});

describe('POST /orders/parked-events/{id}/replay', () => {
  it('replays the event once the target accepts it, and sends nothing on a second replay', async () => {
    const event = customerEvent('customer.blocked.v1', { customerId: 'c-1', reason: 'fraud' });
    await park(event, 4);
    clock = new Date('2026-03-05T00:00:00.000Z');

    const replayed = await call('POST', `/orders/parked-events/${event.id}/replay`);
    const sent = cmdh.requests.length;
    clock = new Date('2026-03-06T00:00:00.000Z');
    const again = await call('POST', `/orders/parked-events/${event.id}/replay`);

    expect(replayed).toMatchObject({
      status: 200,
      body: { id: event.id, status: 'replayed', replayedAt: '2026-03-05T00:00:00.000Z' },
    });
    expect(cmdh.requests.map((r) => r.headers['idempotency-key'])).toEqual([
      idempotencyKeyFor(event, 'standing'),
      idempotencyKeyFor(event, 'hold'),
    ]);
    expect(again).toEqual(replayed);
    expect(cmdh.requests).toHaveLength(sent);
  });

  it('answers 503 while the target is down, leaving the event parked', async () => {
    const event = customerEvent('customer.registered.v1', { customerId: 'c-1' });
    await park(event, 4);
    cmdh.answer({ status: 503 });

    const replay = await call('POST', `/orders/parked-events/${event.id}/replay`);

    expect(replay.status).toBe(503);
    expect(replay.body).toMatchObject({ reason: 'retries_exhausted', status: 503 });
    expect(cmdh.requests).toHaveLength(1);
    expect(await store.get(event.id)).toMatchObject({
      status: 'parked',
      reason: { code: 'retries_exhausted' },
      attempts: 2,
    });
  });

  it('answers 422 when cmdh refuses again, parking it with the new reason', async () => {
    const event = customerEvent('customer.registered.v1', { customerId: 'c-1' });
    await park(event, 4, { code: 'retries_exhausted', message: 'down', status: 503 });
    cmdh.answer({ status: 409, body: { status: 409, reason: 'already_exists', detail: 'Exists' } });

    const replay = await call('POST', `/orders/parked-events/${event.id}/replay`);

    expect(replay.status).toBe(422);
    expect(replay.body as Problem).toMatchObject({
      reason: 'refused',
      problemReason: 'already_exists',
    });
    expect(await store.get(event.id)).toMatchObject({
      status: 'parked',
      reason: { code: 'refused', status: 409, problemReason: 'already_exists', message: 'Exists' },
    });
  });

  it('answers 422 for a message that still is no CloudEvent, sending nothing', async () => {
    const id = `${topic}:0:7`;
    await store.park({
      id,
      message: raw('{"nope', 7),
      reason: { code: 'bad_json', message: 'message value is not JSON' },
      attempts: 0,
      parkedAt: clock,
    });

    const replay = await call('POST', `/orders/parked-events/${encodeURIComponent(id)}/replay`);

    expect(replay).toMatchObject({ status: 422, body: { reason: 'bad_json' } });
    expect(cmdh.requests).toHaveLength(0);
  });

  it('answers 404 for an unknown id and 403 without the operator role', async () => {
    const reader = await testToken({ sub: 'u-1', roles: ['reader'] });

    const unknown = await call('POST', '/orders/parked-events/nope/replay');
    const forbidden = await call('POST', '/orders/parked-events/nope/replay', reader);

    expect(unknown).toMatchObject({ status: 404, body: { reason: 'parked_event_not_found' } });
    expect(forbidden.status).toBe(403);
  });
});

/** The value of one series of the app registry; 0 when it has none. */
async function metric(name: string, labels: Readonly<Record<string, string>>): Promise<number> {
  const found = registry.getSingleMetric(name);
  const values = found ? (await found.get()).values : [];
  const series = values.find((v) =>
    Object.entries(labels).every(([k, value]) => String(v.labels[k]) === value),
  );
  return series?.value ?? 0;
}

const at = (hour: number) => new Date(Date.UTC(2026, 2, 1, hour));

/** Five parked events of different reasons, types and times (hours 1 to 5). */
async function parkFive() {
  const registered = (n: number) =>
    customerEvent('customer.registered.v1', { customerId: `c-${n}` });
  const blocked = (n: number) =>
    customerEvent('customer.blocked.v1', { customerId: `c-${n}`, reason: 'fraud' });
  const events = [registered(1), registered(2), blocked(3), blocked(4)];
  const exhausted: ParkReason = { code: 'retries_exhausted', message: 'down', status: 503 };
  const invalid: ParkReason = { code: 'invalid_data', message: 'no reason' };
  await park(events[0]!, 1, refused, at(1));
  await park(events[1]!, 2, exhausted, at(2));
  await park(events[2]!, 3, refused, at(3));
  await park(events[3]!, 4, invalid, at(4));
  const undecodable = `${topic}:0:5`;
  await store.park({
    id: undecodable,
    message: raw('{"nope', 5),
    reason: { code: 'bad_json', message: 'message value is not JSON' },
    attempts: 0,
    parkedAt: at(5),
  });
  return [...events.map((e) => e.id), undecodable];
}

const ids = (answer: { body: Record<string, unknown> }) =>
  (answer.body.items as ParkedEventResource[]).map((item) => item.id);

describe('GET /orders/parked-events filters', () => {
  it('narrows by reason, type, time window and status, most recently parked first', async () => {
    const [e1, e2, e3, e4, e5] = await parkFive();
    await store.discard(e2!, { by: 'ops-1', reason: 'stale', at: clock });

    const byReason = await call('GET', '/orders/parked-events?reason=refused');
    const byType = await call('GET', '/orders/parked-events?type=customer.blocked.v1');
    const byWindow = await call(
      'GET',
      '/orders/parked-events?from=2026-03-01T02:00:00.000Z&to=2026-03-01T04:00:00.000Z',
    );
    const combined = await call(
      'GET',
      '/orders/parked-events?reason=refused&type=customer.registered.v1&to=2026-03-01T01:00:00Z',
    );
    const discarded = await call('GET', '/orders/parked-events?status=discarded');
    const parkedAfter = await call(
      'GET',
      '/orders/parked-events?status=parked&from=2026-03-01T03:30:00.000Z&limit=1',
    );

    expect(ids(byReason)).toEqual([e3, e1]);
    expect(ids(byType)).toEqual([e4, e3]);
    expect(ids(byWindow)).toEqual([e4, e3, e2]);
    expect(ids(combined)).toEqual([e1]);
    expect(ids(discarded)).toEqual([e2]);
    expect(ids(parkedAfter)).toEqual([e5]);
    expect(parkedAfter.body.nextCursor).toEqual(expect.any(String));
  });

  it('refuses an unknown reason and a window that ends before it starts', async () => {
    const unknown = await call('GET', '/orders/parked-events?reason=lost');
    const backwards = await call(
      'GET',
      '/orders/parked-events?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z',
    );

    expect(unknown.status).toBe(400);
    expect(backwards.status).toBe(400);
  });

  it('serves every filter from an index, examining only the matching events', async () => {
    await applyIndexes(db, parkedEventIndexes(), logger);
    for (let n = 0; n < 40; n++) {
      const event = customerEvent('customer.registered.v1', { customerId: `f-${n}` });
      await park(event, 100 + n, { code: 'retries_exhausted', message: 'down' }, at(10 + (n % 10)));
    }
    await parkFive();
    const filters = [
      { status: 'parked' as const },
      { reason: 'refused' as const },
      { type: 'customer.blocked.v1' },
      { status: 'parked' as const, reason: 'refused' as const, from: at(2).toISOString() },
      { status: 'parked' as const, type: 'customer.blocked.v1', to: at(3).toISOString() },
      { status: 'parked' as const, from: at(2).toISOString(), to: at(4).toISOString() },
    ];

    for (const filter of filters) {
      const query = parkedEventQuery(filter);
      const matching = await store.events.countDocuments(query);
      const explained = await db.command({
        explain: { find: 'parked_events', filter: query, sort: { parkedAt: -1, _id: -1 } },
        verbosity: 'executionStats',
      });
      const stats = explained.executionStats as { totalDocsExamined: number };

      expect({ filter, examined: stats.totalDocsExamined }).toEqual({ filter, examined: matching });
      expect(JSON.stringify(explained.queryPlanner)).not.toContain('COLLSCAN');
    }
  });
});

describe('GET /orders/parked-events/groups', () => {
  it('counts the parked events by reason and type, with their oldest and newest parking', async () => {
    const [, , , e4] = await parkFive();
    await park(customerEvent('customer.registered.v1', { customerId: 'c-6' }), 6, refused, at(6));
    await store.discard(e4!, { by: 'ops-1', reason: 'stale', at: clock });

    const parked = await call('GET', '/orders/parked-events/groups');
    const refusedOnly = await call('GET', '/orders/parked-events/groups?reason=refused');
    const discarded = await call('GET', '/orders/parked-events/groups?status=discarded');

    expect(parked).toMatchObject({ status: 200 });
    expect(parked.body.items).toEqual([
      {
        reason: 'refused',
        type: 'customer.registered.v1',
        count: 2,
        oldest: at(1).toISOString(),
        newest: at(6).toISOString(),
      },
      {
        reason: 'bad_json',
        type: null,
        count: 1,
        oldest: at(5).toISOString(),
        newest: at(5).toISOString(),
      },
      {
        reason: 'refused',
        type: 'customer.blocked.v1',
        count: 1,
        oldest: at(3).toISOString(),
        newest: at(3).toISOString(),
      },
      {
        reason: 'retries_exhausted',
        type: 'customer.registered.v1',
        count: 1,
        oldest: at(2).toISOString(),
        newest: at(2).toISOString(),
      },
    ]);
    expect((refusedOnly.body.items as { count: number }[]).map((g) => g.count)).toEqual([2, 1]);
    expect(discarded.body.items).toEqual([
      expect.objectContaining({ reason: 'invalid_data', type: 'customer.blocked.v1', count: 1 }),
    ]);
    expect(await metric('evh_parked_events', { reason: 'refused' })).toBe(3);
    expect(await metric('evh_parked_events', { reason: 'invalid_data' })).toBe(0);
  });
});

describe('POST /orders/parked-events/{id}/discard', () => {
  it('discards a parked event keeping who, why and when; a second discard changes nothing', async () => {
    const event = customerEvent('customer.registered.v1', { customerId: 'c-1' });
    await park(event, 4);

    const discarded = await call('POST', `/orders/parked-events/${event.id}/discard`, operator, {
      reason: 'duplicate of c-0',
    });
    const other = await testToken({ sub: 'ops-2', roles: ['operator'] });
    clock = new Date('2026-03-02T00:00:00.000Z');
    const again = await call('POST', `/orders/parked-events/${event.id}/discard`, other, {
      reason: 'another reason',
    });
    const replay = await call('POST', `/orders/parked-events/${event.id}/replay`);

    expect(discarded).toMatchObject({
      status: 200,
      body: {
        id: event.id,
        status: 'discarded',
        discarded: { by: 'ops-1', reason: 'duplicate of c-0', at: '2026-03-01T00:00:00.000Z' },
      },
    });
    expect(again.body).toEqual(discarded.body);
    expect(await store.get(event.id)).toMatchObject({
      status: 'discarded',
      discarded: { by: 'ops-1', reason: 'duplicate of c-0' },
      reason: refused,
    });
    expect(replay).toMatchObject({ status: 409, body: { reason: 'parked_event_discarded' } });
    expect(cmdh.requests).toHaveLength(0);
    expect(await metric('evh_parked_discarded_total', { reason: 'refused' })).toBe(1);
  });

  it('refuses a replayed event, an unknown id, a blank reason and non-operators', async () => {
    const event = customerEvent('customer.registered.v1', { customerId: 'c-1' });
    await park(event, 4);
    await store.markReplayed(event.id, clock);
    const reader = await testToken({ sub: 'u-1', roles: ['reader'] });
    const path = `/orders/parked-events/${event.id}/discard`;

    const replayed = await call('POST', path, operator, { reason: 'too late' });
    const unknown = await call('POST', '/orders/parked-events/nope/discard', operator, {
      reason: 'x',
    });
    const blank = await call('POST', path, operator, { reason: '   ' });
    const missing = await call('POST', path, operator, {});
    const forbidden = await call('POST', path, reader, { reason: 'x' });

    expect(replayed).toMatchObject({ status: 409, body: { reason: 'parked_event_replayed' } });
    expect(unknown).toMatchObject({ status: 404, body: { reason: 'parked_event_not_found' } });
    expect([blank.status, missing.status, forbidden.status]).toEqual([400, 400, 403]);
    expect((await store.get(event.id))?.status).toBe('replayed');
  });
});

describe('bulk replays of parked events', () => {
  const finished = async (location: string) => {
    for (;;) {
      const job = await call('GET', location);
      if (job.body.status !== 'running') return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('replays every parked event the filter matches in the background, with progress', async () => {
    const [e1, e2, e3, e4, e5] = await parkFive();
    await store.discard(e4!, { by: 'ops-1', reason: 'stale', at: clock });
    await replays.start();

    const started = await call('POST', '/orders/parked-events/replays', operator, {});
    const done = await finished(started.location!);

    expect(started).toMatchObject({
      status: 202,
      body: { status: 'running', matched: 4, processed: 0, createdBy: 'ops-1', filter: {} },
    });
    expect(started.location).toBe(`/orders/parked-events/replays/${String(started.body.id)}`);
    expect(done).toMatchObject({
      status: 200,
      body: {
        status: 'completed',
        matched: 4,
        processed: 4,
        replayed: 3,
        stillFailing: 1,
        skipped: 0,
        finishedAt: expect.any(String) as string,
      },
    });
    expect((await store.get(e1!))?.status).toBe('replayed');
    expect((await store.get(e2!))?.status).toBe('replayed');
    expect((await store.get(e3!))?.status).toBe('replayed');
    expect(await store.get(e4!)).toMatchObject({ status: 'discarded' });
    expect(await store.get(e5!)).toMatchObject({ status: 'parked', reason: { code: 'bad_json' } });
    // e3 is a block: two commands; the discarded e4 sends nothing.
    expect(cmdh.requests).toHaveLength(4);
    expect(await metric('evh_parked_replayed_total', { reason: 'refused' })).toBe(2);
    expect(await metric('evh_parked_replayed_total', { reason: 'retries_exhausted' })).toBe(1);
    expect(await metric('evh_parked_events', { reason: 'bad_json' })).toBe(1);
    expect(await metric('evh_parked_events', { reason: 'refused' })).toBe(0);
  });

  it('takes only what the filter names, and a second run handles nothing twice', async () => {
    const [e1, e2, e3] = await parkFive();
    await replays.start();
    const filter = { reason: 'refused', to: at(3).toISOString() };

    const first = await finished(
      (await call('POST', '/orders/parked-events/replays', operator, filter)).location!,
    );
    const sent = cmdh.requests.length;
    const second = await finished(
      (await call('POST', '/orders/parked-events/replays', operator, filter)).location!,
    );

    expect(first.body).toMatchObject({ status: 'completed', matched: 2, replayed: 2, filter });
    expect(second.body).toMatchObject({ status: 'completed', matched: 0, processed: 0 });
    expect(cmdh.requests).toHaveLength(sent);
    expect(sent).toBe(3);
    expect((await store.get(e1!))?.status).toBe('replayed');
    expect((await store.get(e3!))?.status).toBe('replayed');
    expect((await store.get(e2!))?.status).toBe('parked');
  });

  it('stops a cancelled job: what it had not reached stays parked', async () => {
    const [e1] = await parkFive();
    const started = await call('POST', '/orders/parked-events/replays', operator, {});

    const cancelled = await call('POST', `${started.location!}/cancel`);
    await replays.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const job = await call('GET', started.location!);
    const again = await call('POST', `${started.location!}/cancel`);

    expect(cancelled).toMatchObject({
      status: 200,
      body: { status: 'cancelled', cancelledBy: 'ops-1', processed: 0 },
    });
    expect(job.body).toMatchObject({ status: 'cancelled', processed: 0 });
    expect(again.status).toBe(200);
    expect(cmdh.requests).toHaveLength(0);
    expect((await store.get(e1!))?.status).toBe('parked');
  });

  it('answers problems for a finished job, an unknown job, a bad filter and non-operators', async () => {
    await replays.start();
    const reader = await testToken({ sub: 'u-1', roles: ['reader'] });
    const done = await finished(
      (await call('POST', '/orders/parked-events/replays', operator, {})).location!,
    );
    const path = `/orders/parked-events/replays/${String(done.body.id)}`;

    const finishedCancel = await call('POST', `${path}/cancel`);
    const unknown = await call(
      'GET',
      '/orders/parked-events/replays/3b241101-e2bb-4255-8caf-4136c566a962',
    );
    const badFilter = await call('POST', '/orders/parked-events/replays', operator, {
      status: 'parked',
    });
    const forbidden = await call('POST', '/orders/parked-events/replays', reader, {});

    expect(finishedCancel).toMatchObject({ status: 409, body: { reason: 'job_finished' } });
    expect(unknown).toMatchObject({ status: 404, body: { reason: 'job_not_found' } });
    expect(badFilter.status).toBe(400);
    expect(forbidden.status).toBe(403);
  });
});
