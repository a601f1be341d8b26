import { randomUUID } from 'node:crypto';
import { eventually, startedForFile } from '@cqrs/framework-core/testing';
import type { WebhookReceiver } from '@cqrs/framework-webhook-delivery/testing';
import { startWebhookReceiver } from '@cqrs/framework-webhook-delivery/testing';
import { newWebhookId, postWebhook } from '@cqrs/framework-webhooks/testing';
import { resolveWebhookSecrets } from '@cqrs/tools-workspace';
import { startE2eSystem } from './system';

/**
 * Webhooks both ways through the gateway: a partner subscribes to `order.put_on_hold.v1`, the
 * KYC provider's webhook activates a customer, the payment provider's webhook pays an order, a
 * block puts it on hold, and the partner's receiver gets the signed event (verified with the
 * `standardwebhooks` library). Forged and replayed provider webhooks are refused or ignored.
 */
const system = startedForFile(startE2eSystem);

describe('webhooks in and out, end to end through the gateway', () => {
  let partner: WebhookReceiver;

  beforeAll(async () => {
    partner = await startWebhookReceiver();
  });
  afterAll(() => partner.close());

  it('KYC webhook -> active, payment webhook -> paid, block -> the partner gets order.put_on_hold.v1', async () => {
    const { call, gatewayUrl } = system;
    const clerk = `Bearer ${await system.token('alice')}`;
    const risk = `Bearer ${await system.token('rita', ['risk'])}`;
    const integrations = `Bearer ${await system.token('partner-admin', ['integrations'])}`;
    const secrets = resolveWebhookSecrets();
    const read = <T>(path: string) => system.read<T>(path, clerk);

    const subscribed = await call('POST', '/orders/webhooks/subscriptions', integrations, {
      url: partner.url,
      eventTypes: ['order.put_on_hold.v1'],
      description: 'partner hold feed',
    });
    expect(subscribed.status).toBe(201);
    const subscription = (await subscribed.json()) as { id: string; secret: string };

    const registered = await call('POST', '/customers', clerk, {
      name: 'Ada Lovelace',
      email: `ada-${randomUUID()}@example.com`,
    });
    const { id: customerId } = (await registered.json()) as { id: string };

    const kyc = { type: 'kyc.approved', data: { customerId, checkId: 'chk-1' } };
    const kycId = newWebhookId();
    const approved = await postWebhook(`${gatewayUrl}/hooks/kyc-provider`, {
      payload: kyc,
      secrets,
      id: kycId,
    });
    expect(approved.status).toBe(200);
    const active = await read<{ status: string; version: number }>(`/customers/${customerId}`);
    expect(active).toMatchObject({ status: 'active', version: 2 });

    // A forged signature and a stale timestamp are refused; a replay is answered without acting.
    const forged = await postWebhook(`${gatewayUrl}/hooks/kyc-provider`, {
      payload: { type: 'kyc.rejected', data: { customerId, reason: 'forged' } },
      secrets: ['whsec_' + Buffer.from(randomUUID()).toString('base64')],
    });
    expect(forged.status).toBe(401);
    const stale = await postWebhook(`${gatewayUrl}/hooks/kyc-provider`, {
      payload: kyc,
      secrets,
      timestampSeconds: Math.floor(Date.now() / 1000) - 301,
    });
    expect(stale.status).toBe(401);
    const replayed = await postWebhook(`${gatewayUrl}/hooks/kyc-provider`, {
      payload: kyc,
      secrets,
      id: kycId,
    });
    expect(replayed.status).toBe(200);
    // Registered, then approved once: neither the replay nor the refusals wrote anything.
    expect(await read(`/customers/${customerId}`)).toMatchObject({ status: 'active', version: 2 });

    const placed = await eventually(async () => {
      const response = await call('POST', '/orders', clerk, {
        customerId,
        currency: 'EUR',
        lines: [{ sku: 'LOOM-1', quantity: 1, unitPrice: 9900 }],
      });
      return response.status === 201 ? ((await response.json()) as { id: string }) : undefined;
    }, 'an order to be accepted once orders knows the customer is active');

    const paid = await postWebhook(`${gatewayUrl}/hooks/payment-provider`, {
      payload: { type: 'payment.succeeded', data: { orderId: placed.id, reference: 'psp-42' } },
      secrets,
    });
    expect(paid.status).toBe(200);
    expect((await read<{ status: string }>(`/orders/${placed.id}`))?.status).toBe('paid');

    expect(
      (await call('POST', `/customers/${customerId}/block`, risk, { reason: 'chargebacks' }))
        .status,
    ).toBe(200);
    const delivered = await eventually(
      () => partner.received.find((r) => r.body.includes(placed.id)),
      'the partner to receive the hold',
    );
    expect(partner.unverified(subscription.secret)).toEqual([]);
    expect(JSON.parse(delivered.body)).toMatchObject({
      type: 'order.put_on_hold.v1',
      source: '/orders',
      subject: placed.id,
      id: delivered.id,
    });
    expect(partner.received.every((r) => r.body.includes('order.put_on_hold.v1'))).toBe(true);

    // The partner can answer before extevp records the attempt: until then the delivery is
    // pending, claimed by the attempt in flight.
    const deliveries = await eventually(async () => {
      const list = await system.read<{ items: { status: string; eventId: string }[] }>(
        `/orders/webhooks/subscriptions/${subscription.id}/deliveries`,
        integrations,
      );
      const recorded = list?.items.length && list.items.every((d) => d.status !== 'pending');
      return recorded ? list : undefined;
    }, 'the delivery to be recorded');
    expect(deliveries.items).toEqual([
      expect.objectContaining({ status: 'delivered', eventId: delivered.id }),
    ]);
  });
});
