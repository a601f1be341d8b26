import { eventually, testCaller, waitUntil } from '@cqrs/framework-core/testing';
import type { AppOnTestDatabase } from '@cqrs/framework-mongo/testing';
import { appOnTestDatabase } from '@cqrs/framework-mongo/testing';
import type { WebhookReceiver } from './testing/webhook-receiver';
import { failingFirst, hanging, healthy, startWebhookReceiver } from './testing/webhook-receiver';
import { fastDeliveryEnv, thingsExtevp, writeThingEvent } from './testing/things-extevp';

type Running = AppOnTestDatabase<Parameters<typeof thingsExtevp.start>[0]>;

const base = '/things/webhooks/subscriptions';
const partner = { partner: { sub: 'partner-admin', roles: ['integrations'] } };

interface Delivery {
  id: string;
  status: string;
  attempts: number;
  failure: { reason: string } | null;
  attemptLog: {
    attempt: number;
    statusCode: number | null;
    outcome: string;
    at: string;
    responseSnippet: string;
  }[];
}

describe('webhook delivery (fan-out + dispatcher)', () => {
  const receivers: WebhookReceiver[] = [];
  const apps: Running[] = [];

  const receiver = async (behaviour = healthy) => {
    const started = await startWebhookReceiver(behaviour);
    receivers.push(started);
    return started;
  };
  const app = async (env: Record<string, string> = {}) => {
    const started = await appOnTestDatabase(thingsExtevp, { env: { ...fastDeliveryEnv, ...env } });
    apps.push(started);
    const call = testCaller(started.url, partner, 'partner');
    const subscribe = async (url: string, eventTypes: string[] = ['*']) => {
      const created = await call('POST', base, { body: { url, eventTypes } });
      expect(created.status).toBe(201);
      return created.body as { id: string; secret: string };
    };
    const delivery = async (subscriptionId: string, eventId: string) =>
      (await call('GET', `${base}/${subscriptionId}/deliveries/${subscriptionId}:${eventId}`))
        .body as Delivery;
    return { ...started, call, subscribe, delivery };
  };

  afterEach(async () => {
    // Receivers first: a hanging one would hold its app's shutdown until the attempt timeout.
    await Promise.all(receivers.splice(0).map((r) => r.close()));
    await Promise.all(apps.splice(0).map((a) => a.stop()));
  });

  it('delivers every event to every matching subscription exactly once, verifiable with standardwebhooks', async () => {
    const extevp = await app();
    const [all, created, renamed] = await Promise.all([receiver(), receiver(), receiver()]);
    const subAll = await extevp.subscribe(all.url);
    const subCreated = await extevp.subscribe(created.url, ['thing.created.v1']);
    const subRenamed = await extevp.subscribe(renamed.url, ['thing.renamed.v1']);

    const written: { id: string; type: string }[] = [];
    for (let i = 0; i < 10; i++) {
      written.push({
        id: await writeThingEvent(extevp.db, `t${i}`, 'thing.created.v1', { n: i }),
        type: 'created',
      });
      written.push({
        id: await writeThingEvent(extevp.db, `t${i}`, 'thing.renamed.v1', { n: i }),
        type: 'renamed',
      });
    }
    await waitUntil(
      () =>
        all.received.length >= 20 && created.received.length >= 10 && renamed.received.length >= 10,
      'every matching subscription got its events',
    );
    // Give a duplicate the chance to show up: the ping below is queued after everything else.
    await extevp.call('POST', `${base}/${subAll.id}/ping`);
    await waitUntil(() => all.received.some((r) => r.id.startsWith('ping_')), 'the ping arrived');

    const ids = (r: WebhookReceiver) =>
      r.received.map((w) => w.id).filter((id) => !id.startsWith('ping_'));
    expect(ids(all).sort()).toEqual(written.map((w) => w.id).sort());
    expect(ids(created).sort()).toEqual(
      written
        .filter((w) => w.type === 'created')
        .map((w) => w.id)
        .sort(),
    );
    expect(ids(renamed).sort()).toEqual(
      written
        .filter((w) => w.type === 'renamed')
        .map((w) => w.id)
        .sort(),
    );
    expect(all.unverified(subAll.secret)).toEqual([]);
    expect(created.unverified(subCreated.secret)).toEqual([]);
    expect(renamed.unverified(subRenamed.secret)).toEqual([]);
    expect(all.unverified(subCreated.secret)).toHaveLength(all.received.length);

    const body = JSON.parse(all.received[0]?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({ specversion: '1.0', source: '/things', id: all.received[0]?.id });
  });

  it('retries a failing receiver on the schedule and delivers on the attempt after its failures', async () => {
    const extevp = await app();
    const flaky = await receiver(failingFirst(3, 500));
    const sub = await extevp.subscribe(flaky.url);
    const eventId = await writeThingEvent(extevp.db, 'flaky-1', 'thing.created.v1');

    const delivered = await eventually(async () => {
      const d = await extevp.delivery(sub.id, eventId);
      return d.status === 'delivered' ? d : undefined;
    }, 'delivered after 3 failures');
    expect(delivered.attempts).toBe(4);
    expect(delivered.attemptLog.map((a) => [a.attempt, a.statusCode, a.outcome])).toEqual([
      [1, 500, 'retrying'],
      [2, 500, 'retrying'],
      [3, 500, 'retrying'],
      [4, 200, 'delivered'],
    ]);
    expect(delivered.attemptLog[0]?.responseSnippet).toBe('failure 1');
    expect(new Set(flaky.received.map((r) => r.id))).toEqual(new Set([eventId]));
    expect(flaky.unverified(sub.secret)).toEqual([]);
  });

  it('parks a delivery after the last attempt and replays it on request', async () => {
    const extevp = await app({ WEBHOOK_SCHEDULE: '0,20ms' });
    const down = await receiver(failingFirst(2, 502));
    const sub = await extevp.subscribe(down.url);
    const eventId = await writeThingEvent(extevp.db, 'parked-1', 'thing.created.v1');
    const parked = await eventually(async () => {
      const d = await extevp.delivery(sub.id, eventId);
      return d.status === 'failed' ? d : undefined;
    }, 'parked');
    expect(parked.failure).toMatchObject({ reason: 'attempts_exhausted' });
    expect(parked.attempts).toBe(2);

    const replay = await extevp.call(
      'POST',
      `${base}/${sub.id}/deliveries/${sub.id}:${eventId}/replay`,
    );
    expect(replay.status).toBe(202);
    await eventually(async () => {
      const d = await extevp.delivery(sub.id, eventId);
      return d.status === 'delivered' ? d : undefined;
    }, 'delivered after the replay');
    expect(down.received.map((r) => r.id)).toEqual([eventId, eventId, eventId]);
  });

  it('replays every failed delivery of a subscription since a time', async () => {
    const extevp = await app({ WEBHOOK_SCHEDULE: '0' });
    const down = await receiver(failingFirst(3, 500));
    const sub = await extevp.subscribe(down.url);
    const since = new Date().toISOString();
    const events = [
      await writeThingEvent(extevp.db, 'bulk-1', 'thing.created.v1'),
      await writeThingEvent(extevp.db, 'bulk-2', 'thing.created.v1'),
      await writeThingEvent(extevp.db, 'bulk-3', 'thing.created.v1'),
    ];
    await waitUntil(async () => {
      const page = await extevp.call('GET', `${base}/${sub.id}/deliveries?status=failed`);
      return (page.body as { items: unknown[] }).items.length === 3;
    }, 'all three parked');
    const replayed = await extevp.call('POST', `${base}/${sub.id}/replays`, { body: { since } });
    expect(replayed.body).toEqual({ replayed: 3 });
    await waitUntil(async () => {
      const page = await extevp.call('GET', `${base}/${sub.id}/deliveries?status=delivered`);
      return (page.body as { items: unknown[] }).items.length === 3;
    }, 'all three delivered after the replay');
    expect(down.received.map((r) => r.id).sort()).toEqual([...events, ...events].sort());
  });

  it('disables a subscription at once on 410 Gone, and after failing for the configured period', async () => {
    const extevp = await app({ WEBHOOK_DISABLE_AFTER_MS: '1', WEBHOOK_SCHEDULE: '0,20ms,20ms' });
    const gone = await receiver(() => ({ status: 410 }));
    const failing = await receiver(() => ({ status: 500 }));
    const subGone = await extevp.subscribe(gone.url);
    const subFailing = await extevp.subscribe(failing.url);
    await writeThingEvent(extevp.db, 'gone-1', 'thing.created.v1');

    const read = async (id: string) =>
      (await extevp.call('GET', `${base}/${id}`)).body as {
        status: string;
        disabled: { reason: string; detail: string } | null;
      };
    await waitUntil(async () => (await read(subGone.id)).status === 'disabled', 'disabled by 410');
    expect((await read(subGone.id)).disabled).toMatchObject({ reason: 'gone' });
    expect(gone.received).toHaveLength(1);
    await waitUntil(
      async () => (await read(subFailing.id)).status === 'disabled',
      'disabled for failing',
    );
    expect((await read(subFailing.id)).disabled?.reason).toBe('failing');
    expect((await read(subFailing.id)).disabled?.detail).toMatch(/HTTP 500/);
    expect(failing.received).toHaveLength(2);
  });

  it('honours Retry-After on 429', async () => {
    const extevp = await app({ WEBHOOK_SCHEDULE: '0,10ms' });
    const busy = await receiver(failingFirst(1, 429, { 'retry-after': '1' }));
    const sub = await extevp.subscribe(busy.url);
    const eventId = await writeThingEvent(extevp.db, 'busy-1', 'thing.created.v1');
    let last: Delivery | undefined;
    const delivered = await eventually(async () => {
      const d = await extevp.delivery(sub.id, eventId);
      last = d;
      return d.status === 'delivered' ? d : undefined;
    }, 'delivered after the Retry-After').catch((error: Error) => {
      throw new Error(
        `${error.message}; the delivery: ${JSON.stringify(last)}; received ${busy.received.length}`,
      );
    });
    const [first, second] = delivered.attemptLog;
    expect(Date.parse(second?.at ?? '') - Date.parse(first?.at ?? '')).toBeGreaterThanOrEqual(
      1_000,
    );
  });

  it('signs with the new and the previous secret during a rotation grace period', async () => {
    const extevp = await app();
    const partnerEndpoint = await receiver();
    const sub = await extevp.subscribe(partnerEndpoint.url);
    const rotated = await extevp.call('POST', `${base}/${sub.id}/rotate-secret`, { body: {} });
    const { secret } = rotated.body as { secret: string };
    await writeThingEvent(extevp.db, 'rotated-1', 'thing.created.v1');
    await waitUntil(() => partnerEndpoint.received.length === 1, 'delivered');
    expect(partnerEndpoint.unverified(secret)).toEqual([]);
    expect(partnerEndpoint.unverified(sub.secret)).toEqual([]);
    expect(partnerEndpoint.received[0]?.signature.split(' ')).toHaveLength(2);
  });

  it('keeps delivering to healthy endpoints while another one never answers', async () => {
    const extevp = await app({
      WEBHOOK_TIMEOUT_MS: '30000',
      WEBHOOK_CLAIM_VISIBILITY_MS: '60000',
      WEBHOOK_MAX_IN_FLIGHT: '4',
      WEBHOOK_MAX_IN_FLIGHT_PER_SUBSCRIPTION: '2',
    });
    const dead = await receiver(hanging);
    const alive = await receiver();
    const subDead = await extevp.subscribe(dead.url);
    await extevp.subscribe(alive.url);
    for (let i = 0; i < 30; i++) await writeThingEvent(extevp.db, `slow-${i}`, 'thing.created.v1');

    await waitUntil(() => alive.received.length === 30, 'the healthy endpoint got all 30');
    // The dead endpoint holds at most its own share of the slots, and none of its attempts
    // has ended yet: the healthy one did not wait for them.
    expect(dead.pending()).toBeLessThanOrEqual(2);
    const page = await extevp.call('GET', `${base}/${subDead.id}/deliveries?limit=100`);
    const deadDeliveries = (page.body as { items: { attempts: number }[] }).items;
    expect(deadDeliveries).toHaveLength(30);
    expect(deadDeliveries.every((d) => d.attempts === 0)).toBe(true);
  });
});
