import { metricsText, testCaller, waitUntil } from '@cqrs/framework-core/testing';
import type { AppOnTestDatabase } from '@cqrs/framework-mongo/testing';
import { appOnTestDatabase } from '@cqrs/framework-mongo/testing';
import { deadDeliveryQuery } from './deliveries/dead-delivery-query';
import type { DeliveryDocument, FailureReason } from './deliveries/delivery';
import { deliveriesCollection } from './deliveries/delivery-store';
import type { WebhookReceiver } from './testing/webhook-receiver';
import { startWebhookReceiver } from './testing/webhook-receiver';
import { fastDeliveryEnv, thingsExtevp } from './testing/things-extevp';

type Running = AppOnTestDatabase<Parameters<typeof thingsExtevp.start>[0]>;

const subscriptionsPath = '/things/webhooks/subscriptions';
const dead = '/things/webhooks/deliveries';
const actors = {
  partner: { sub: 'partner-admin', roles: ['integrations'] },
  operator: { sub: 'ops-1', roles: ['operator'] },
  other: { sub: 'ops-2', roles: ['operator'] },
};
const at = (hour: number) => new Date(Date.UTC(2026, 2, 1, hour));

let extevp: Running;
let receiver: WebhookReceiver;
let call: ReturnType<typeof testCaller<keyof typeof actors>>;
/** An active subscription (to `receiver`) and a disabled one. */
let active: string;
let disabled: string;

beforeEach(async () => {
  extevp = await appOnTestDatabase(thingsExtevp, { env: fastDeliveryEnv });
  receiver = await startWebhookReceiver();
  call = testCaller(extevp.url, actors, 'operator');
  const subscribe = async () => {
    const created = await call('POST', subscriptionsPath, {
      as: 'partner',
      body: { url: receiver.url, eventTypes: ['*'] },
    });
    return (created.body as { id: string }).id;
  };
  active = await subscribe();
  disabled = await subscribe();
  await call('POST', `${subscriptionsPath}/${disabled}/disable`, { as: 'partner' });
});
afterEach(async () => {
  await receiver.close();
  await extevp.stop();
});

const deliveries = () => extevp.db.collection<DeliveryDocument>(deliveriesCollection);

/** Stores a delivery as the dispatcher leaves it after its last attempt. */
async function failed(
  subscriptionId: string,
  n: number,
  eventType: string,
  reason: FailureReason,
  failedAt: Date,
): Promise<string> {
  const eventId = `e-${n}`;
  const event = { specversion: '1.0', id: eventId, source: '/things', type: eventType, data: {} };
  const id = `${subscriptionId}:${eventId}`;
  await deliveries().insertOne({
    _id: id,
    subscriptionId,
    eventId,
    eventType,
    payload: JSON.stringify(event),
    status: 'failed',
    attempts: 8,
    dueAt: failedAt,
    claim: null,
    lastAttempt: { at: failedAt, statusCode: 500, error: null },
    failure: { reason, detail: 'it failed' },
    failedAt,
    createdAt: at(0),
    updatedAt: failedAt,
  });
  return id;
}

/** Six failed deliveries (hours 0 to 5), one of the disabled subscription, and a pending one. */
async function seed() {
  const created = 'thing.created.v1';
  const ids = [
    await failed(active, 0, created, 'attempts_exhausted', at(0)),
    await failed(active, 1, created, 'attempts_exhausted', at(1)),
    await failed(active, 2, 'thing.renamed.v1', 'attempts_exhausted', at(2)),
    await failed(active, 3, created, 'endpoint_gone', at(3)),
    await failed(disabled, 4, created, 'subscription_disabled', at(4)),
    await failed(active, 5, created, 'attempts_exhausted', at(5)),
  ];
  await deliveries().insertOne({
    ...(await deliveries().findOne({ _id: ids[0]! }))!,
    _id: `${active}:e-6`,
    eventId: 'e-6',
    status: 'pending',
    dueAt: new Date(Date.UTC(2100, 0, 1)),
    failure: null,
    failedAt: null,
  });
  return ids;
}

const listed = async (query: string) => {
  const answer = await call('GET', `${dead}${query}`);
  expect(answer.status).toBe(200);
  return (answer.body as { items: { id: string }[] }).items.map((item) => item.id);
};

/** One series of the app's `/metrics`. */
const series = async (name: string, reason: string) => {
  const line = (await metricsText(extevp)).split('\n').find((l) => {
    return l.startsWith(`${name}{`) && l.includes(`reason="${reason}"`);
  });
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
};

const discard = (id: string, reason = 'partner confirmed it is not needed', as = 'operator') =>
  call('POST', `${dead}/${encodeURIComponent(id)}/discard`, {
    as: as as keyof typeof actors,
    body: { reason },
  });

const finished = async (location: string) => {
  for (;;) {
    const job = await call('GET', location);
    if ((job.body as { status: string }).status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('GET /things/webhooks/deliveries (dead letters)', () => {
  it('lists failed and discarded deliveries of every subscription by each filter', async () => {
    const [d0, d1, d2, d3, d4, d5] = await seed();
    await discard(d5!);

    expect(await listed('')).toEqual([d5, d4, d3, d2, d1, d0]);
    expect(await listed('?reason=attempts_exhausted')).toEqual([d5, d2, d1, d0]);
    expect(await listed('?status=failed&reason=attempts_exhausted')).toEqual([d2, d1, d0]);
    expect(await listed('?eventType=thing.renamed.v1')).toEqual([d2]);
    expect(await listed(`?subscriptionId=${disabled}`)).toEqual([d4]);
    expect(await listed(`?from=${at(2).toISOString()}&to=${at(4).toISOString()}`)).toEqual([
      d4,
      d3,
      d2,
    ]);
    expect(await listed('?status=discarded')).toEqual([d5]);
    expect(await listed('?status=failed&limit=2')).toEqual([d4, d3]);
  });

  it('refuses unknown filters, reasons and a window that ends before it starts', async () => {
    const answers = await Promise.all(
      [
        '?status=pending',
        '?reason=lost',
        '?subscription=x',
        `?from=${at(3).toISOString()}&to=${at(2).toISOString()}`,
      ].map((query) => call('GET', `${dead}${query}`)),
    );
    const partner = await call('GET', dead, { as: 'partner' });

    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400]);
    expect(partner.status).toBe(403);
  });

  it('serves every filter from an index, examining only the matching deliveries', async () => {
    await seed();
    for (let n = 10; n < 50; n++) {
      await failed(active, n, 'thing.created.v1', 'attempts_exhausted', at(10 + (n % 10)));
    }
    const filters = [
      {},
      { status: 'failed' as const },
      { reason: 'endpoint_gone' as const },
      { eventType: 'thing.renamed.v1' },
      { subscriptionId: disabled },
      { status: 'failed' as const, from: at(2).toISOString(), to: at(4).toISOString() },
    ];

    for (const filter of filters) {
      const query = deadDeliveryQuery(filter);
      const matching = await deliveries().countDocuments(query);
      const explained = await extevp.db.command({
        explain: { find: deliveriesCollection, filter: query, sort: { failedAt: -1, _id: -1 } },
        verbosity: 'executionStats',
      });
      const stats = explained.executionStats as { totalDocsExamined: number };

      expect({ filter, examined: stats.totalDocsExamined }).toEqual({ filter, examined: matching });
      expect(JSON.stringify(explained.queryPlanner)).not.toContain('COLLSCAN');
    }
  });
});

describe('GET /things/webhooks/deliveries/groups', () => {
  it('counts the failed deliveries by reason and event type', async () => {
    const [, , , , , d5] = await seed();
    await discard(d5!);

    const groups = await call('GET', `${dead}/groups`);
    const ofActive = await call(
      'GET',
      `${dead}/groups?subscriptionId=${active}&reason=endpoint_gone`,
    );

    expect(groups).toMatchObject({
      status: 200,
      body: {
        items: [
          {
            reason: 'attempts_exhausted',
            type: 'thing.created.v1',
            count: 2,
            oldest: at(0).toISOString(),
            newest: at(1).toISOString(),
          },
          { reason: 'attempts_exhausted', type: 'thing.renamed.v1', count: 1 },
          { reason: 'endpoint_gone', type: 'thing.created.v1', count: 1 },
          { reason: 'subscription_disabled', type: 'thing.created.v1', count: 1 },
        ],
      },
    });
    expect((ofActive.body as { items: unknown[] }).items).toHaveLength(1);
    expect(await series('webhook_deliveries_dead', 'attempts_exhausted')).toBe(3);
    expect(await series('webhook_deliveries_dead', 'target_refused')).toBe(0);
  });
});

describe('POST /things/webhooks/deliveries/{deliveryId}/discard', () => {
  it('discards a failed delivery keeping who, why and when, and never sends it again', async () => {
    const [d0] = await seed();

    const discarded = await discard(d0!, 'the partner resent it by hand');
    const again = await discard(d0!, 'another reason', 'other');
    const replay = await call(
      'POST',
      `${subscriptionsPath}/${active}/deliveries/${encodeURIComponent(d0!)}/replay`,
      { as: 'partner' },
    );

    expect(discarded).toMatchObject({
      status: 200,
      body: {
        id: d0,
        status: 'discarded',
        failure: { reason: 'attempts_exhausted' },
        failedAt: at(0).toISOString(),
        discarded: { by: 'ops-1', reason: 'the partner resent it by hand' },
      },
    });
    expect(again.body).toEqual(discarded.body);
    expect(replay).toMatchObject({ status: 409, body: { reason: 'delivery_discarded' } });
    expect(await deliveries().findOne({ _id: d0! })).toMatchObject({
      status: 'discarded',
      discarded: {
        by: 'ops-1',
        reason: 'the partner resent it by hand',
        at: expect.any(Date) as Date,
      },
    });
    expect(await series('webhook_deliveries_discarded_total', 'attempts_exhausted')).toBe(1);
  });

  it('refuses a pending delivery, an unknown one, a missing reason and partners', async () => {
    const [d0] = await seed();

    const pending = await discard(`${active}:e-6`);
    const unknown = await discard('nope:e-0');
    const missing = await call('POST', `${dead}/${encodeURIComponent(d0!)}/discard`, { body: {} });
    const partner = await discard(d0!, 'x', 'partner');

    expect(pending).toMatchObject({ status: 409, body: { reason: 'delivery_not_failed' } });
    expect(unknown).toMatchObject({ status: 404, body: { reason: 'delivery_not_found' } });
    expect([missing.status, partner.status]).toEqual([400, 403]);
  });
});

describe('bulk replays of failed deliveries', () => {
  it('makes every failed delivery due again in the background, and a second run sends nothing twice', async () => {
    const [, , , , d4, d5] = await seed();
    await discard(d5!);

    const started = await call('POST', `${dead}/replays`, { body: {} });
    const location = started.headers.get('location')!;
    const done = await finished(location);
    await waitUntil(() => receiver.received.length >= 4, 'the replayed deliveries arrived');
    const second = await finished(
      (await call('POST', `${dead}/replays`, { body: {} })).headers.get('location')!,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(started).toMatchObject({ status: 202, body: { status: 'running', matched: 5 } });
    expect(location).toBe(`${dead}/replays/${(started.body as { id: string }).id}`);
    expect(done.body).toMatchObject({
      status: 'completed',
      matched: 5,
      processed: 5,
      replayed: 4,
      stillFailing: 1,
      skipped: 0,
    });
    expect(second.body).toMatchObject({ status: 'completed', matched: 1, stillFailing: 1 });
    expect(receiver.received.map((r) => r.id).sort()).toEqual(['e-0', 'e-1', 'e-2', 'e-3']);
    expect(await deliveries().findOne({ _id: d4! })).toMatchObject({ status: 'failed' });
    expect(await deliveries().findOne({ _id: d5! })).toMatchObject({ status: 'discarded' });
    expect(await series('webhook_deliveries_replayed_total', 'attempts_exhausted')).toBe(3);
    expect(await series('webhook_deliveries_replayed_total', 'endpoint_gone')).toBe(1);
    expect(await metricsText(extevp)).toMatch(
      /background_jobs\{[^}]*kind="webhook-delivery-replay"[^}]*status="completed"[^}]*\} 2/,
    );
  });

  it('takes only the filter, and answers problems for finished and unknown jobs', async () => {
    await seed();

    const done = await finished(
      (
        await call('POST', `${dead}/replays`, {
          body: { reason: 'attempts_exhausted', eventType: 'thing.renamed.v1' },
        })
      ).headers.get('location')!,
    );
    const id = (done.body as { id: string }).id;
    const cancel = await call('POST', `${dead}/replays/${id}/cancel`);
    const unknown = await call('GET', `${dead}/replays/3b241101-e2bb-4255-8caf-4136c566a962`);
    const badFilter = await call('POST', `${dead}/replays`, { body: { status: 'failed' } });

    expect(done.body).toMatchObject({
      status: 'completed',
      matched: 1,
      replayed: 1,
      filter: { reason: 'attempts_exhausted', eventType: 'thing.renamed.v1' },
    });
    expect(cancel).toMatchObject({ status: 409, body: { reason: 'job_finished' } });
    expect(unknown).toMatchObject({ status: 404, body: { reason: 'job_not_found' } });
    expect(badFilter.status).toBe(400);
  });
});
