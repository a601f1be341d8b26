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
import { applyIndexes } from '@cqrs/framework-mongo';
import { createEventHandler } from '../consumer/event-handler';
import type { ParkReason, RawMessage } from '../parking/parked-event';
import type { ParkedEventStore } from '../parking/parked-event-store';
import { createParkedEventStore, parkedEventIndexes } from '../parking/parked-event-store';
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
  const handler = createEventHandler({
    // Replays never touch Kafka; the client is only created, never connected.
    kafka: createKafka({ clientId: 'unused', brokers: ['127.0.0.1:1'], logger }),
    groupId: 'orders-evh',
    topic,
    routes: testRoutes,
    client: commands,
    parked: store,
    logger,
    metrics: createMetrics('test-evh'),
    now: () => clock,
  });
  const routes = parkedEventsRoutes('orders');
  app = await startTestApp(
    createHttpApp({
      logger,
      metrics: createMetrics('test-evh-http'),
      authenticator: createAuthenticator({ hs256Secret: TEST_JWT_SECRET }),
      routes: parkedEventsHandlers(routes, handler, store),
    }),
  );
});
afterEach(async () => {
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

async function call(method: 'GET' | 'POST', path: string, token = operator) {
  const response = await fetch(app.url + path, {
    method,
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: await response.json() };
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

    expect(applied.created).toEqual(['parked_events.status_parkedAt', 'parked_events.parkedAt']);
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
