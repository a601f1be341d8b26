import { Registry } from 'prom-client';
import { createLogger } from '@cqrs/framework-core';
import { waitUntil } from '@cqrs/framework-core/testing';
import type { TestDatabase } from '@cqrs/framework-mongo/testing';
import { testDatabase } from '@cqrs/framework-mongo/testing';
import type { DeliveryStore } from '../deliveries/delivery-store';
import { createDeliveryStore } from '../deliveries/delivery-store';
import { parseNetworkList } from '../ssrf/address-policy';
import type { TargetPolicy } from '../ssrf/target-guard';
import type { SubscriptionStore } from '../subscriptions/subscription-store';
import { createSubscriptionStore } from '../subscriptions/subscription-store';
import type { WebhookReceiver } from '../testing/webhook-receiver';
import { startWebhookReceiver } from '../testing/webhook-receiver';
import { deliveryMetrics } from './delivery-metrics';
import type { Dispatcher, DispatcherOptions } from './dispatcher';
import { createDispatcher } from './dispatcher';
import type { WebhookSender } from './send-webhook';
import { createWebhookSender } from './send-webhook';

const loopback: TargetPolicy = {
  allowedNetworks: parseNetworkList('127.0.0.0/8'),
  plainHttpNetworks: parseNetworkList('127.0.0.0/8'),
};

describe('webhook dispatcher replicas', () => {
  let database: TestDatabase;
  let subscriptions: SubscriptionStore;
  let deliveries: DeliveryStore;
  let receiver: WebhookReceiver;
  const dispatchers: Dispatcher[] = [];
  const senders: WebhookSender[] = [];

  /** A test dispatcher's options: a compressed schedule, small limits, `overrides` on top. */
  const dispatcherOptions = (
    sender: WebhookSender,
    overrides: Partial<DispatcherOptions> = {},
  ): DispatcherOptions => ({
    deliveries,
    subscriptions,
    sender,
    targets: loopback,
    schedule: [0, 50, 50],
    jitter: 0,
    maxRetryAfterMs: 1_000,
    attemptTimeoutMs: 2_000,
    visibilityMs: 3_000,
    maxInFlight: 16,
    maxInFlightPerSubscription: 16,
    pollIntervalMs: 20,
    disableAfterMs: 3_600_000,
    logger: createLogger({ name: 'dispatcher-test', level: 'silent' }),
    metrics: deliveryMetrics(new Registry()),
    ...overrides,
  });

  /** Starts a dispatcher over a real sender; both are stopped after the test. */
  const dispatcher = (overrides: Partial<DispatcherOptions> = {}) => {
    const sender = createWebhookSender({ snippetBytes: 256, userAgent: 'test' });
    senders.push(sender);
    const started = createDispatcher(dispatcherOptions(sender, overrides));
    dispatchers.push(started);
    started.start();
    return started;
  };

  const enqueue = async (subscriptionId: string, count: number, prefix: string) => {
    const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
    await deliveries.enqueue(
      ids.map((eventId) => ({
        subscriptionId,
        eventId,
        eventType: 'thing.created.v1',
        payload: JSON.stringify({ id: eventId }),
      })),
      new Date(),
    );
    return ids;
  };

  beforeEach(async () => {
    database = await testDatabase('webhook-dispatcher');
    subscriptions = createSubscriptionStore(database.db);
    deliveries = createDeliveryStore(database.db);
    receiver = await startWebhookReceiver();
  });

  afterEach(async () => {
    await receiver.close();
    await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
    senders.splice(0).forEach((s) => s.close());
    await database.drop();
  });

  const subscribe = (url: string) =>
    subscriptions.create(
      { url, eventTypes: ['*'], description: '', createdBy: 'test' },
      new Date(),
    );

  it('two replicas never send the same attempt', async () => {
    const sub = await subscribe(receiver.url);
    const ids = await enqueue(sub._id, 200, 'pair');
    dispatcher();
    dispatcher();
    await waitUntil(
      async () => (await deliveries.deliveries.countDocuments({ status: 'delivered' })) === 200,
      'all 200 delivered',
    );
    expect(receiver.received.map((r) => r.id).sort()).toEqual([...ids].sort());
  });

  it("gets a crashed dispatcher's claimed deliveries back after the visibility period", async () => {
    const sub = await subscribe(receiver.url);
    const ids = await enqueue(sub._id, 10, 'crash');
    // A dispatcher that claims and then never finishes an attempt: a process killed mid-send.
    const stuck: WebhookSender = {
      send: () => new Promise(() => undefined),
      close: () => undefined,
    };
    // Not registered for the after-test stop: its attempts never end, so neither would that.
    const crashed = createDispatcher(
      dispatcherOptions(stuck, {
        schedule: [0],
        maxRetryAfterMs: 0,
        attemptTimeoutMs: 100,
        visibilityMs: 1_000,
        maxInFlight: 100,
        maxInFlightPerSubscription: 100,
      }),
    );
    crashed.start();
    await waitUntil(
      async () => (await deliveries.deliveries.countDocuments({ claim: { $ne: null } })) === 10,
      'the doomed dispatcher claimed everything',
    );
    void crashed.stop(); // its loop ends; its attempts never do, as in a crash

    dispatcher();
    await waitUntil(
      async () => (await deliveries.deliveries.countDocuments({ status: 'delivered' })) === 10,
      'all delivered by the survivor',
    );
    expect(receiver.received.map((r) => r.id).sort()).toEqual([...ids].sort());
  });

  it('checks the target again at every attempt: a host that now resolves to a private address gets nothing', async () => {
    const url = receiver.url.replace('127.0.0.1', 'partner.example.test');
    const sub = await subscribe(url);
    await enqueue(sub._id, 1, 'rebind');
    dispatcher({
      schedule: [0],
      targets: {
        ...loopback,
        resolve: () => Promise.resolve([{ address: '10.1.2.3', family: 4 }]),
      },
    });
    await waitUntil(
      async () => (await deliveries.deliveries.countDocuments({ status: 'failed' })) === 1,
      'the delivery parked',
    );
    const [attempt] = await deliveries.attempts(`${sub._id}:rebind-0`);
    expect(attempt?.error).toMatch(
      /refused: partner\.example\.test resolves to 10\.1\.2\.3, a private address/,
    );
    expect(attempt?.statusCode).toBeNull();
    expect(receiver.received).toHaveLength(0);
  });

  it('connects to the address it checked, whatever the name resolves to later', async () => {
    const url = receiver.url.replace('127.0.0.1', 'pinned.example.test');
    const sub = await subscribe(url);
    await enqueue(sub._id, 1, 'pinned');
    let lookups = 0;
    dispatcher({
      targets: {
        ...loopback,
        resolve: () => {
          lookups += 1;
          return Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
        },
      },
    });
    await waitUntil(() => receiver.received.length === 1, 'delivered to the checked address');
    expect(lookups).toBe(1);
    expect(receiver.received[0]?.headers.host).toMatch(/^pinned\.example\.test:\d+$/);
  });
});
