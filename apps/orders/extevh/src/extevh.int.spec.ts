import { randomUUID } from 'node:crypto';
import { commandIdFromKey } from '@cqrs/framework-command-handling';
import { startedForFile, testToken } from '@cqrs/framework-core/testing';
import { webhookCommandId } from '@cqrs/framework-webhooks';
import { extevhUnderTest, newWebhookId } from '@cqrs/framework-webhooks/testing';
import type { OrderDocument } from '@cqrs/orders-shared';
import { ordersCollection, paymentProvider } from '@cqrs/orders-shared';
import { start } from './app';
import { configSchema } from './config';

const extevh = startedForFile(
  () =>
    extevhUnderTest({
      extevh: { service: 'orders-extevh', configSchema, start },
      cmdh: { service: 'orders-cmdh', main: 'apps/orders/cmdh/src/main.ts' },
      hookPath: '/hooks/payment-provider',
    }),
  180_000,
);

// The service identity extevhUnderTest gives the extevh's token.
const extevhActor = { sub: 'orders-extevh', roles: ['service'] };

const orderOf = async (id: string) => {
  const document = await extevh.db.collection<OrderDocument>(ordersCollection).findOne({ _id: id });
  if (document === null) throw new Error(`no order ${id}`);
  return document;
};

async function callCmdh(path: string, body: unknown, as: { sub: string; roles: string[] }) {
  const answer = await fetch(`${extevh.cmdh.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await testToken(as)}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify(body),
  });
  return { status: answer.status, body: (await answer.json()) as { id: string } };
}

/** Places an order through the real orders-cmdh for an active customer; returns its id. */
async function placeOrder(): Promise<string> {
  const customerId = `c-${randomUUID()}`;
  const standing = await callCmdh(
    `/internal/customer-standings/${customerId}`,
    { standing: 'active', customerVersion: 2 },
    { sub: 'orders-evh', roles: ['service'] },
  );
  expect(standing.status).toBe(200);
  const placed = await callCmdh(
    '/orders',
    { customerId, currency: 'EUR', lines: [{ sku: 'sku-1', quantity: 2, unitPrice: 150 }] },
    { sub: 'shopper-1', roles: ['customer_support'] },
  );
  expect(placed.status).toBe(201);
  return placed.body.id;
}

const succeeded = (orderId: string, reference = `pay-${orderId.slice(0, 8)}`) => ({
  type: 'payment.succeeded',
  data: { orderId, reference },
});

describe('orders-extevh', () => {
  it('records a successful payment once, under a command id derived from the webhook id', async () => {
    const orderId = await placeOrder();

    const answer = await extevh.post(succeeded(orderId, 'pay-123'));

    expect(answer).toMatchObject({
      status: 200,
      body: { id: answer.id, status: 'applied', duplicate: false },
    });
    const order = await orderOf(orderId);
    expect([order.status, order.payment.reference, order.version]).toEqual(['paid', 'pay-123', 2]);
    expect(order.lastEvent).toMatchObject({
      commandId: commandIdFromKey(extevhActor, webhookCommandId(paymentProvider, answer.id)),
      causationId: answer.id,
    });
    expect(await extevh.webhook(answer.id)).toMatchObject({
      provider: 'payment-provider',
      type: 'payment.succeeded',
      status: 'applied',
      attempts: 1,
    });
  });

  it('records a failed payment with the provider’s reason', async () => {
    const orderId = await placeOrder();

    const answer = await extevh.post({
      type: 'payment.failed',
      data: { orderId, reason: 'card declined' },
    });

    expect(answer.body).toMatchObject({ status: 'applied' });
    const order = await orderOf(orderId);
    expect([order.status, order.payment.failureReason]).toEqual([
      'payment_failed',
      'card declined',
    ]);
  });

  it('answers a repeated webhook id 200 without recording the payment twice', async () => {
    const orderId = await placeOrder();
    const id = newWebhookId();
    await extevh.post(succeeded(orderId), { id });

    const again = await extevh.post(succeeded(orderId), { id });

    expect(again).toMatchObject({ status: 200, body: { status: 'applied', duplicate: true } });
    expect((await orderOf(orderId)).version).toBe(2);
    expect(await extevh.webhook(id)).toMatchObject({ deliveries: 2, attempts: 1 });
  });

  it('answers 401 for a forged signature and for a stale timestamp, acting on neither', async () => {
    const orderId = await placeOrder();

    const forged = await extevh.post(succeeded(orderId), { secrets: [extevh.secrets.unknown] });
    const stale = await extevh.post(succeeded(orderId), {
      timestampSeconds: Math.floor(Date.now() / 1000) - 301,
    });

    expect([forged.status, stale.status]).toEqual([401, 401]);
    expect([forged.body, stale.body]).toMatchObject([
      { reason: 'bad_signature' },
      { reason: 'stale_timestamp' },
    ]);
    expect((await orderOf(orderId)).status).toBe('placed');
    expect(await extevh.webhook(forged.id)).toBeNull();
  });

  it('answers 400 for an invalid payload and stores nothing', async () => {
    const orderId = await placeOrder();

    const answer = await extevh.post({ type: 'payment.succeeded', data: { orderId } });

    expect(answer).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'body.data.reference' }] },
    });
    expect(await extevh.webhook(answer.id)).toBeNull();
  });

  it('answers a business refusal 200 and records it', async () => {
    const orderId = await placeOrder();
    await extevh.post(succeeded(orderId));

    const failedLate = await extevh.post({
      type: 'payment.failed',
      data: { orderId, reason: 'timeout' },
    });

    expect(failedLate).toMatchObject({
      status: 200,
      body: { status: 'refused', reason: 'already_paid', duplicate: false },
    });
    expect(await extevh.webhook(failedLate.id)).toMatchObject({
      status: 'refused',
      refusal: { status: 422, reason: 'already_paid' },
    });
    expect((await orderOf(orderId)).status).toBe('paid');
  });

  it('answers 503 while orders-cmdh is down, and applies the provider’s retry later', async () => {
    const orderId = await placeOrder();
    const id = newWebhookId();
    await extevh.cmdh.stop();

    const down = await extevh.post(succeeded(orderId), { id });

    expect(down.status).toBe(503);
    expect(await extevh.webhook(id)).toMatchObject({ status: 'pending' });

    await extevh.cmdh.restart();
    const retried = await extevh.post(succeeded(orderId), { id });

    expect(retried).toMatchObject({ status: 200, body: { status: 'applied', duplicate: false } });
    expect((await orderOf(orderId)).status).toBe('paid');
  });
});
