import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { kycWebhookRoute } from '@cqrs/customers-shared';
import type { RetryingClient } from './client';
import type { WebhookReceiver } from './webhook-receiver';

export interface FlowProbeOptions {
  readonly client: RetryingClient;
  readonly clerk: string;
  readonly receiver: WebhookReceiver;
  /** Reads a resource through the gateway: its JSON when 200, else undefined. */
  readonly read: <T>(path: string) => Promise<T | undefined>;
  /** Gives up after this long (default 180 s). */
  readonly timeoutMs?: number;
}

/**
 * One business flow that crosses every app of both services, timed: a registration (customers
 * cmdh), its KYC approval by webhook (customers-extevh), an order once the orders service knows
 * the customer is active (customers-evp -> Kafka -> orders-evh -> orders-cmdh), the order counted
 * on the customer (orders-evp -> customers-evh -> customers-cmdh), both changes in the audit
 * trails (chgh) and both events delivered to the partners' receiver (both extevp). Resolves with
 * the milliseconds it took; the time to recover once a fault is over.
 *
 * @throws Error naming the step it was waiting for when it times out.
 */
export async function probeFlow(options: FlowProbeOptions): Promise<number> {
  const { client, clerk, receiver, read } = options;
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 180_000);
  const until = async <T>(what: string, check: () => Promise<T | undefined>): Promise<T> => {
    for (;;) {
      const found = await check().catch(() => undefined);
      if (found !== undefined) return found;
      if (Date.now() > deadline)
        throw new Error(`the recovery probe timed out waiting for ${what}`);
      await sleep(100);
    }
  };
  const accepted = async (what: string, send: () => ReturnType<RetryingClient['command']>) =>
    until(what, async () => {
      const answer = await send();
      return answer.outcome === 'accepted' ? answer : undefined;
    });

  const registered = await accepted('a registration', () =>
    client.command('POST', '/customers', clerk, {
      name: 'Recovery Probe',
      email: `probe-${randomUUID()}@example.com`,
    }),
  );
  const customerId = (registered.body as { id: string }).id;
  await accepted('the KYC approval', () =>
    client.webhook(kycWebhookRoute.path, { type: 'kyc.approved', data: { customerId } }),
  );
  const placed = await accepted('an order (the standing to reach the orders service)', () =>
    client.command('POST', '/orders', clerk, {
      customerId,
      currency: 'EUR',
      lines: [{ sku: 'PROBE', quantity: 1, unitPrice: 100 }],
    }),
  );
  const orderId = (placed.body as { id: string }).id;
  await until('the customer to count the order', async () => {
    const customer = await read<{ openOrders: number }>(`/customers/${customerId}`);
    return customer?.openOrders === 1 ? true : undefined;
  });
  await until('the audit trails', async () => {
    const [customer, order] = await Promise.all([
      read<{ items: unknown[] }>(`/customers/${customerId}/history`),
      read<{ items: unknown[] }>(`/orders/${orderId}/history`),
    ]);
    return (customer?.items.length ?? 0) >= 3 && (order?.items.length ?? 0) >= 1 ? true : undefined;
  });
  await until('both webhooks', () =>
    Promise.resolve(receiver.received(customerId) && receiver.received(orderId) ? true : undefined),
  );
  return Date.now() - started;
}
