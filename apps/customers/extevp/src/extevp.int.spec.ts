import type { SpawnedApp } from '@cqrs/framework-core/testing';
import {
  freePort,
  spawnApp,
  testAppEnv,
  testCaller,
  waitUntil,
} from '@cqrs/framework-core/testing';
import type { TestDatabase } from '@cqrs/framework-mongo/testing';
import { testDatabase } from '@cqrs/framework-mongo/testing';
import type { WebhookReceiver } from '@cqrs/framework-webhook-delivery/testing';
import { startWebhookReceiver } from '@cqrs/framework-webhook-delivery/testing';

/**
 * customers-extevp as it runs: its own process next to a real customers-cmdh on one database,
 * partners' receivers on loopback. Killing it mid-run must lose no delivery.
 */
describe('customers-extevp', () => {
  let database: TestDatabase;
  let cmdh: SpawnedApp;
  let extevp: SpawnedApp;
  let receiver: WebhookReceiver;
  const actors = {
    clerk: { sub: 'clerk', roles: ['clerk'] },
    partner: { sub: 'partner-admin', roles: ['integrations'] },
  };
  const asClerk = testCaller(() => cmdh.url, actors, 'clerk');
  const asPartner = testCaller(() => extevp.url, actors, 'partner');

  beforeAll(async () => {
    database = await testDatabase('customers-extevp');
    const shared = { MONGO_DB: database.name, LOG_LEVEL: 'warn' };
    cmdh = spawnApp(
      'apps/customers/cmdh/src/main.ts',
      testAppEnv('customers-cmdh', { ...shared, PORT: String(await freePort()) }),
    );
    extevp = spawnApp(
      'apps/customers/extevp/src/main.ts',
      testAppEnv('customers-extevp', {
        ...shared,
        PORT: String(await freePort()),
        WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
        WEBHOOK_PLAIN_HTTP_NETWORKS: '127.0.0.0/8',
        WEBHOOK_SCHEDULE: '0,100ms,100ms,100ms',
        WEBHOOK_POLL_INTERVAL_MS: '50',
        WEBHOOK_TIMEOUT_MS: '1000',
        WEBHOOK_CLAIM_VISIBILITY_MS: '2000',
        LEASE_TTL_MS: '2000',
      }),
    );
    await Promise.all([cmdh.ready(), extevp.ready()]);
  });

  afterAll(async () => {
    await receiver.close();
    await Promise.all([cmdh.stop(), extevp.stop()]);
    await database.drop();
  });

  it('delivers every customer event to a subscriber, across a kill -9 of extevp mid-run', async () => {
    receiver = await startWebhookReceiver();
    const created = await asPartner('POST', '/customers/webhooks/subscriptions', {
      body: { url: receiver.url, eventTypes: ['customer.registered.v1'] },
    });
    expect(created.status).toBe(201);
    const { secret } = created.body as { secret: string };

    const register = (i: number) =>
      asClerk('POST', '/customers', {
        body: { name: `Partner Test ${i}`, email: `extevp-${i}@example.com` },
      });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const answer = await register(i);
      expect(answer.status).toBe(201);
      ids.push(`${(answer.body as { id: string }).id}:1`);
      if (i === 9) {
        await waitUntil(() => receiver.received.length > 0, 'the first deliveries arrived');
        await extevp.kill();
      }
    }
    await extevp.restart();

    await waitUntil(
      () => ids.every((id) => receiver.received.some((r) => r.id === id)),
      'every registration delivered after the restart',
    );
    expect(receiver.unverified(secret)).toEqual([]);
    const types = receiver.received.map((r) => (JSON.parse(r.body) as { type: string }).type);
    expect(new Set(types)).toEqual(new Set(['customer.registered.v1']));
  });
});
