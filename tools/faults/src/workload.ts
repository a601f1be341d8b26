import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { kycWebhookRoute } from '@cqrs/customers-shared';
import { paymentWebhookRoute } from '@cqrs/orders-shared';
import type { Answer, ClientCounts, RetryingClientOptions } from './client';
import { emptyCounts, RetryingClient, versionOf } from './client';

/** Bearer tokens for the roles the workload needs. */
export interface WorkloadAuth {
  /** A clerk: registers customers, places orders. */
  readonly clerk: string;
  /** Role `risk`: blocks and unblocks. */
  readonly risk: string;
}

export interface WorkloadOptions {
  readonly gatewayUrl: string;
  readonly webhookSecret: string;
  readonly auth: WorkloadAuth;
  /** Journeys run at once (default 4). */
  readonly concurrency?: number;
  /** Pause between two commands of one journey (default 40 ms). */
  readonly pauseMs?: number;
  /** How long an order is retried while the orders service does not know yet that the customer is active (default 60 s). */
  readonly standingWaitMs?: number;
  /** Stops starting new journeys once aborted; journeys under way finish. */
  readonly until: AbortSignal;
  /** Passed to the client: a pacer before every send, and a report of every send. */
  readonly pace?: RetryingClientOptions['pace'];
  readonly onSend?: RetryingClientOptions['onSend'];
}

/** Every aggregate version the system accepted a command for: each must be in its write model. */
export interface AcceptedVersions {
  readonly customers: Map<string, number>;
  readonly orders: Map<string, number>;
}

export interface WorkloadResult {
  readonly counts: ClientCounts;
  readonly accepted: AcceptedVersions;
  /** Journeys completed. */
  readonly journeys: number;
}

const remember = (into: Map<string, number>, id: string, answer: Answer) => {
  const version = versionOf(answer.etag);
  if (answer.outcome !== 'accepted' || version === undefined) return;
  into.set(id, Math.max(into.get(id) ?? 0, version));
};

/**
 * A bounded stream of mixed business commands through the gateway, as customers, the KYC and
 * payment providers and the risk team would send them: each journey registers a customer, gets
 * its KYC approved (or, one in eight, rejected) by the provider's webhook, places an order once
 * the orders service knows the customer is active, has it paid or its payment fail by the
 * payment provider's webhook, and one in three blocks the customer and unblocks it again. Runs
 * journeys `concurrency` at a time until `until` is aborted, then lets those under way finish.
 */
export async function runWorkload(options: WorkloadOptions): Promise<WorkloadResult> {
  const counts = emptyCounts();
  const client = new RetryingClient({
    gatewayUrl: options.gatewayUrl,
    webhookSecret: options.webhookSecret,
    counts,
    ...(options.pace ? { pace: options.pace } : {}),
    ...(options.onSend ? { onSend: options.onSend } : {}),
  });
  const accepted: AcceptedVersions = { customers: new Map(), orders: new Map() };
  const pause = () => sleep(options.pauseMs ?? 40);
  const standingWaitMs = options.standingWaitMs ?? 60_000;
  const { clerk, risk } = options.auth;
  let journeys = 0;

  const journey = async (n: number) => {
    const registered = await client.command('POST', '/customers', clerk, {
      name: `Fault Load ${n}`,
      email: `load-${randomUUID()}@example.com`,
    });
    const customerId = (registered.body as { id?: string } | undefined)?.id;
    if (registered.outcome !== 'accepted' || customerId === undefined) return;
    remember(accepted.customers, customerId, registered);
    await pause();

    const approve = n % 8 !== 7;
    const kyc = await client.webhook(kycWebhookRoute.path, {
      type: approve ? 'kyc.approved' : 'kyc.rejected',
      data: approve ? { customerId } : { customerId, reason: 'document expired' },
    });
    if (!approve || kyc.outcome !== 'accepted') return;
    await pause();

    // The orders service learns of the approval from customers.events.v1: until then the
    // order is refused (422 customer not active), and the client asks again a little later.
    const deadline = Date.now() + standingWaitMs;
    let placed: Answer;
    for (;;) {
      placed = await client.command('POST', '/orders', clerk, {
        customerId,
        currency: 'EUR',
        lines: [{ sku: `SKU-${n % 5}`, quantity: 1 + (n % 3), unitPrice: 990 }],
      });
      if (placed.status !== 422 || Date.now() > deadline) break;
      await sleep(250);
    }
    const orderId = (placed.body as { id?: string } | undefined)?.id;
    if (placed.outcome !== 'accepted' || orderId === undefined) return;
    remember(accepted.orders, orderId, placed);
    await pause();

    const paid = n % 4 !== 3;
    await client.webhook(paymentWebhookRoute.path, {
      type: paid ? 'payment.succeeded' : 'payment.failed',
      data: paid ? { orderId, reference: `pay_${n}` } : { orderId, reason: 'card declined' },
    });
    await pause();

    if (n % 3 === 0) {
      const blocked = await client.command('POST', `/customers/${customerId}/block`, risk, {
        reason: 'chargeback review',
      });
      remember(accepted.customers, customerId, blocked);
      await pause();
      const unblocked = await client.command('POST', `/customers/${customerId}/unblock`, risk);
      remember(accepted.customers, customerId, unblocked);
    }
    journeys++;
  };

  let next = 0;
  const worker = async () => {
    while (!options.until.aborted) await journey(next++);
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return { counts, accepted, journeys };
}
