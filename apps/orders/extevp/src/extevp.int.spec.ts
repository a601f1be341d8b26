import { testCaller, waitUntil } from '@cqrs/framework-core/testing';
import type { AppOnTestDatabase } from '@cqrs/framework-mongo/testing';
import { appOnTestDatabase } from '@cqrs/framework-mongo/testing';
import type { WebhookReceiver } from '@cqrs/framework-webhook-delivery/testing';
import { startWebhookReceiver } from '@cqrs/framework-webhook-delivery/testing';
import { start } from './app';
import type { Config } from './config';
import { configSchema } from './config';

describe('orders-extevp', () => {
  let running: AppOnTestDatabase<Config>;
  let receiver: WebhookReceiver;
  const call = testCaller(
    () => running.url,
    { partner: { sub: 'partner-admin', roles: ['integrations'] } },
    'partner',
  );

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    running = await appOnTestDatabase(
      { service: 'orders-extevp', configSchema, start },
      { env: { WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1', WEBHOOK_PLAIN_HTTP_NETWORKS: '127.0.0.1' } },
    );
  });
  afterAll(async () => {
    await receiver.close();
    await running.stop();
  });

  it('serves order-event subscriptions and sends a signed test ping', async () => {
    const created = await call('POST', '/orders/webhooks/subscriptions', {
      body: { url: receiver.url, eventTypes: ['order.put_on_hold.v1'] },
    });
    expect(created.status).toBe(201);
    const { id, secret } = created.body as { id: string; secret: string };
    const ping = await call('POST', `/orders/webhooks/subscriptions/${id}/ping`);
    expect(ping.status).toBe(202);
    await waitUntil(() => receiver.received.length === 1, 'the ping arrived');
    expect(receiver.unverified(secret)).toEqual([]);
    expect(JSON.parse(receiver.received[0]?.body ?? '{}')).toMatchObject({
      type: 'webhook.ping',
      source: '/orders',
      subject: id,
    });
  });

  it('accepts only the orders event types', async () => {
    const refused = await call('POST', '/orders/webhooks/subscriptions', {
      body: { url: receiver.url, eventTypes: ['customer.blocked.v1'] },
    });
    expect(refused.status).toBe(400);
  });
});
