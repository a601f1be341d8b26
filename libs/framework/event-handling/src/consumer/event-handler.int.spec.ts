import { idempotencyKeyFor } from '../routing/command-call';
import type { EvhFixture, SharedInfra } from '../testing/evh-fixture';
import { connectInfra, evhFixture } from '../testing/evh-fixture';
import { recordingLogger } from '../testing/recording-logger';
import { customerEvent } from '../testing/test-events';
import { waitUntil } from '../testing/wait-until';

let infra: SharedInfra;
const fixtures: EvhFixture[] = [];

beforeAll(async () => {
  infra = await connectInfra();
});
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((f) => f.cleanUp()));
});
afterAll(() => infra.close());

async function setUp(options: Parameters<typeof evhFixture>[1] = {}): Promise<EvhFixture> {
  const fixture = await evhFixture(infra, options);
  fixtures.push(fixture);
  return fixture;
}

const blocked = (customerId: string) =>
  customerEvent('customer.blocked.v1', { customerId, reason: 'fraud' });
const registered = (customerId: string) => customerEvent('customer.registered.v1', { customerId });
const problem = (reason: string, detail: string) => ({
  status: 422,
  body: { type: 'https://cqrs.dev/problems/rule_violated', status: 422, reason, detail },
});

describe('createEventHandler', () => {
  describe('when every event can be handled', () => {
    it('sends the commands in order, with derived keys, correlation and event ids', async () => {
      const f = await setUp();
      const first = blocked('c-1');
      const { correlationid: _none, ...second } = registered('c-2');
      await f.publish(first, second);

      await f.handler.start();
      await waitUntil(() => f.cmdh.requests.length === 3, 'three commands arrived');
      await waitUntil(async () => (await f.committedOffset()) === 2, 'both offsets committed');

      expect(f.cmdh.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        'PUT /internal/standings/c-1',
        'POST /internal/customers/c-1/orders/hold',
        'PUT /internal/standings/c-2',
      ]);
      expect(f.cmdh.requests.map((r) => r.headers['idempotency-key'])).toEqual([
        idempotencyKeyFor(first, 'standing'),
        idempotencyKeyFor(first, 'hold'),
        idempotencyKeyFor(second, 'standing'),
      ]);
      expect(f.cmdh.requests.map((r) => r.headers['x-correlation-id'])).toEqual([
        first.correlationid,
        first.correlationid,
        second.id,
      ]);
      expect(f.cmdh.requests.map((r) => r.headers['x-request-id'])).toEqual([
        first.id,
        first.id,
        second.id,
      ]);
      expect(f.cmdh.requests[0]?.headers.authorization).toBe('Bearer service-token');
      expect(f.cmdh.requests[1]?.body).toEqual({ reason: 'fraud' });
      expect(f.handler.isRunning()).toBe(true);
      const handled = { topic: f.topic, outcome: 'handled' };
      expect(await f.metric('evh_events_total', { ...handled, type: 'customer.blocked.v1' })).toBe(
        1,
      );
      expect(
        await f.metric('evh_events_total', { ...handled, type: 'customer.registered.v1' }),
      ).toBe(1);
      expect(await f.metric('kafka_consumer_lag', { topic: f.topic, partition: 0 })).toBe(0);
    });

    it('handles a redelivered event again with the same Idempotency-Key, so cmdh can dedupe', async () => {
      const f = await setUp();
      const event = registered('c-1');
      await f.publish(event, event);

      await f.handler.start();
      await waitUntil(() => f.cmdh.requests.length === 2, 'both deliveries sent');
      await waitUntil(async () => (await f.committedOffset()) === 2, 'both offsets committed');

      const [one, two] = f.cmdh.requests;
      expect(two?.headers['idempotency-key']).toBe(one?.headers['idempotency-key']);
      expect(two?.body).toEqual(one?.body);
      expect(two?.path).toBe(one?.path);
      const handled = { topic: f.topic, type: event.type, outcome: 'handled' };
      expect(await f.metric('evh_events_total', handled)).toBe(2);
      expect(await f.db.collection('parked_events').countDocuments()).toBe(0);
    });
  });

  describe('when a message cannot be handled', () => {
    it('parks a poison message and an invalid event, and still handles the next event', async () => {
      const f = await setUp();
      const invalid = customerEvent('customer.blocked.v1', { customerId: 'c-1' });
      const next = registered('c-2');
      await f.publish({ key: 'c-1', value: '{"specversion": "1.0", ' }, invalid, next);

      await f.handler.start();
      await waitUntil(() => f.cmdh.requests.length === 1, 'the next event was handled');
      await waitUntil(async () => (await f.committedOffset()) === 3, 'every offset committed');

      expect(f.cmdh.requests[0]?.headers['x-request-id']).toBe(next.id);
      const poison = await f.store.get(`${f.topic}:0:0`);
      expect(poison).toMatchObject({
        topic: f.topic,
        partition: 0,
        offset: '0',
        key: 'c-1',
        value: '{"specversion": "1.0", ',
        reason: { code: 'bad_json' },
        attempts: 0,
        status: 'parked',
      });
      expect(poison?.type).toBeUndefined();
      const parkedInvalid = await f.store.get(invalid.id);
      expect(parkedInvalid).toMatchObject({
        offset: '1',
        type: 'customer.blocked.v1',
        reason: { code: 'invalid_data', message: expect.stringContaining('reason') as string },
        status: 'parked',
      });
      expect(await f.metric('evh_parked_total', { topic: f.topic, reason: 'bad_json' })).toBe(1);
      expect(await f.metric('evh_parked_total', { topic: f.topic, reason: 'invalid_data' })).toBe(
        1,
      );
      expect(
        await f.metric('evh_events_total', {
          topic: f.topic,
          type: 'undecodable',
          outcome: 'parked',
        }),
      ).toBe(1);
      expect(await f.metric('kafka_consumer_lag', { topic: f.topic, partition: 0 })).toBe(0);
    });

    it('parks an event cmdh refuses at once, with the reason, and moves on', async () => {
      const f = await setUp();
      const refused = registered('c-1');
      const next = registered('c-2');
      f.cmdh.answer((request) =>
        request.path.endsWith('/c-1')
          ? problem('customer_closed', 'The customer is closed')
          : { status: 200, body: {} },
      );
      await f.publish(refused, next);

      await f.handler.start();
      await waitUntil(() => f.cmdh.requests.length === 2, 'the next event was handled');
      await waitUntil(async () => (await f.committedOffset()) === 2, 'both offsets committed');

      expect(f.cmdh.requests.map((r) => r.path)).toEqual([
        '/internal/standings/c-1',
        '/internal/standings/c-2',
      ]);
      expect(await f.store.get(refused.id)).toMatchObject({
        reason: {
          code: 'refused',
          status: 422,
          problemReason: 'customer_closed',
          message: 'The customer is closed',
          command: 'PUT /internal/standings/c-1',
        },
        attempts: 1,
        status: 'parked',
      });
      expect(await f.metric('evh_parked_total', { topic: f.topic, reason: 'refused' })).toBe(1);
    });

    it('parks an event after the retry budget when cmdh keeps failing', async () => {
      const f = await setUp({ retry: { attempts: 3, initialDelayMs: 10, maxDelayMs: 20 } });
      const failing = registered('c-1');
      f.cmdh.answer((request) =>
        request.path.endsWith('/c-1') ? { status: 503 } : { status: 200, body: {} },
      );
      await f.publish(failing, registered('c-2'));

      await f.handler.start();
      await waitUntil(() => f.cmdh.requests.length === 4, 'the next event was handled');

      expect(f.cmdh.requests.filter((r) => r.path.endsWith('/c-1'))).toHaveLength(3);
      expect(await f.store.get(failing.id)).toMatchObject({
        reason: { code: 'retries_exhausted', status: 503 },
        attempts: 3,
      });
      expect(
        await f.metric('evh_parked_total', { topic: f.topic, reason: 'retries_exhausted' }),
      ).toBe(1);
    });
  });

  describe('when the target is down for a while', () => {
    it('retries until it is back, then handles the event without parking it', async () => {
      const { logger, lines } = recordingLogger('warn');
      const f = await setUp({
        logger,
        retry: { attempts: 100, initialDelayMs: 200, maxDelayMs: 800 },
      });
      const event = registered('c-1');
      await f.cmdh.down();
      await f.publish(event);

      await f.handler.start();
      const retries = () => lines.filter((l) => l.msg === 'command failed transiently; retrying');
      await waitUntil(() => retries().length >= 5, 'five failed attempts');
      expect(await f.committedOffset()).toBe(-1);
      await f.cmdh.up();
      await waitUntil(() => f.cmdh.requests.length === 1, 'the command arrived');
      await waitUntil(async () => (await f.committedOffset()) === 1, 'the offset committed');

      expect(f.cmdh.requests[0]?.headers['idempotency-key']).toBe(
        idempotencyKeyFor(event, 'standing'),
      );
      expect(retries()[0]).toMatchObject({
        detail: expect.stringMatching(/ECONNREFUSED/) as string,
      });
      expect(await f.store.get(event.id)).toBeNull();
    });
  });

  describe('when an event type has no route', () => {
    it('acknowledges it without sending anything', async () => {
      const f = await setUp();
      const next = registered('c-2');
      await f.publish(customerEvent('customer.merged.v1', { customerId: 'c-1' }), next);

      await f.handler.start();
      await waitUntil(() => f.cmdh.requests.length === 1, 'the next event was handled');
      await waitUntil(async () => (await f.committedOffset()) === 2, 'both offsets committed');

      expect(f.cmdh.requests[0]?.headers['x-request-id']).toBe(next.id);
      expect(
        await f.metric('evh_events_total', {
          topic: f.topic,
          type: 'unrouted',
          outcome: 'ignored',
        }),
      ).toBe(1);
      expect(await f.db.collection('parked_events').countDocuments()).toBe(0);
    });
  });

  describe('when the consumer restarts', () => {
    it('resumes after the committed offset, handling nothing twice', async () => {
      const f = await setUp();
      const [one, two, three] = [registered('c-1'), registered('c-2'), registered('c-3')];
      await f.publish(one, two);
      await f.handler.start();
      await waitUntil(() => f.cmdh.requests.length === 2, 'the first two were handled');
      await f.handler.stop();
      expect(f.handler.isRunning()).toBe(false);
      expect(await f.committedOffset()).toBe(2);

      await f.publish(three);
      await f.newHandler().start();
      await waitUntil(() => f.cmdh.requests.length >= 3, 'the third was handled');

      expect(f.cmdh.requests.map((r) => r.headers['x-request-id'])).toEqual([
        one.id,
        two.id,
        three.id,
      ]);
    });

    it('leaves a message whose retries a stop interrupted unacknowledged, so it comes again', async () => {
      const f = await setUp({ retry: { attempts: 1_000, initialDelayMs: 50, maxDelayMs: 100 } });
      const event = registered('c-1');
      f.cmdh.answer({ status: 503 });
      await f.publish(event);
      await f.handler.start();
      await waitUntil(() => f.cmdh.requests.length >= 2, 'it was retried');

      await f.handler.stop();
      const sentBeforeStop = f.cmdh.requests.length;
      f.cmdh.answer({ status: 200, body: {} });
      expect(await f.committedOffset()).toBe(-1);
      expect(await f.store.get(event.id)).toBeNull();
      await f.handler.start();
      await waitUntil(async () => (await f.committedOffset()) === 1, 'it was handled after all');

      const retried = f.cmdh.requests.slice(sentBeforeStop);
      expect(retried.length).toBeGreaterThanOrEqual(1);
      expect(retried.at(-1)?.headers['idempotency-key']).toBe(idempotencyKeyFor(event, 'standing'));
      expect(await f.store.get(event.id)).toBeNull();
    });
  });

  describe('replaying a parked event', () => {
    it('handles it once the target accepts, and does nothing on a second replay', async () => {
      const f = await setUp();
      const event = blocked('c-1');
      f.cmdh.answer((request) =>
        request.path.endsWith('/hold')
          ? problem('no_open_orders', 'Nothing to hold')
          : { status: 200 },
      );
      await f.publish(event);
      await f.handler.start();
      await waitUntil(async () => (await f.store.get(event.id)) !== null, 'the event was parked');
      await f.handler.stop();
      const sentBeforeReplay = f.cmdh.requests.length;

      f.cmdh.answer({ status: 200, body: {} });
      const replayed = await f.handler.replayParkedEvent(event.id);
      const sentByReplay = f.cmdh.requests.slice(sentBeforeReplay);
      const again = await f.handler.replayParkedEvent(event.id);

      expect(replayed).toMatchObject({ _id: event.id, status: 'replayed' });
      expect(replayed.replayedAt).toBeInstanceOf(Date);
      expect(sentByReplay.map((r) => r.headers['idempotency-key'])).toEqual([
        idempotencyKeyFor(event, 'standing'),
        idempotencyKeyFor(event, 'hold'),
      ]);
      expect(again).toEqual(replayed);
      expect(f.cmdh.requests).toHaveLength(sentBeforeReplay + 2);
      expect(await f.store.get(event.id)).toMatchObject({ status: 'replayed' });
    });
  });
});
