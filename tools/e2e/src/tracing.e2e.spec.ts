import { randomBytes, randomUUID } from 'node:crypto';
import { eventually, startedForFile } from '@cqrs/framework-core/testing';
import type { WebhookReceiver } from '@cqrs/framework-webhook-delivery/testing';
import { startWebhookReceiver } from '@cqrs/framework-webhook-delivery/testing';
import { postWebhook } from '@cqrs/framework-webhooks/testing';
import type { TracingBackend } from '@cqrs/tools-dev';
import { startTracingBackend } from '@cqrs/tools-dev';
import { resolveWebhookSecrets } from '@cqrs/tools-workspace';
import { startE2eSystem } from './system';

/** A span as Jaeger's query API returns it. */
interface JaegerSpan {
  readonly spanID: string;
  readonly operationName: string;
  readonly processID: string;
  readonly references: readonly { refType: string; traceID: string; spanID: string }[];
}
interface JaegerTrace {
  readonly traceID: string;
  readonly spans: readonly JaegerSpan[];
  readonly processes: Readonly<Record<string, { serviceName: string }>>;
}

/**
 * One business flow is one trace, as a developer sees it in Jaeger: the whole system runs with
 * tracing on (`npm start -- --tracing` does the same), a client sends every request of one flow
 * with one `traceparent`: registration, the KYC provider's webhook, an order, a block. Jaeger's
 * query API then has one trace with spans of every app the flow went through, and the change
 * handlers and the webhook publisher link to it.
 */
let backend: TracingBackend | undefined;
const system = startedForFile(async () => {
  backend = await startTracingBackend({ log: () => undefined, ports: 'free' });
  // The apps inherit the runner's environment: these point them at this Jaeger.
  Object.assign(process.env, backend.env);
  return startE2eSystem();
});
let partner: WebhookReceiver;

beforeAll(async () => {
  partner = await startWebhookReceiver();
});
afterAll(async () => {
  await partner.close();
  await backend?.jaeger.stop();
  for (const name of Object.keys(backend?.env ?? {})) delete process.env[name];
});

const traceId = randomBytes(16).toString('hex');
/** Each request of the flow is a child of one client span of this trace. */
const traceparent = () => `00-${traceId}-${randomBytes(8).toString('hex')}-01`;

async function jaeger<T>(path: string): Promise<T | undefined> {
  const answer = await fetch(`${backend!.jaeger.url}${path}`);
  return answer.ok ? ((await answer.json()) as { data: T }).data : undefined;
}

const servicesIn = (trace: JaegerTrace): Set<string> =>
  new Set(trace.spans.map((span) => trace.processes[span.processID]?.serviceName ?? '?'));

/** The spans of `service` (last hour) that reference (link to) a span of `traceId`. */
async function linkingSpans(service: string): Promise<JaegerSpan[]> {
  const traces = (await jaeger<JaegerTrace[]>(`/api/traces?service=${service}&limit=200`)) ?? [];
  return traces.flatMap((trace) =>
    trace.spans.filter((span) =>
      span.references.some((ref) => ref.traceID === traceId && trace.traceID !== traceId),
    ),
  );
}

/** The apps a registration, a KYC approval, an order and a block go through, in one trace. */
const flowApps = [
  'customers-cmdh',
  'customers-evp',
  'customers-extevh',
  'customers-evh',
  'orders-cmdh',
  'orders-evp',
  'orders-evh',
];

describe('tracing, end to end through the gateway with Jaeger', () => {
  it('registration -> KYC webhook -> order -> block is one trace across every app it touched', async () => {
    const { call, gatewayUrl } = system;
    const clerk = `Bearer ${await system.token('alice')}`;
    const risk = `Bearer ${await system.token('rita', ['risk'])}`;
    const integrations = `Bearer ${await system.token('partner-admin', ['integrations'])}`;
    const traced = (method: string, path: string, auth: string, body?: unknown) =>
      fetch(`${gatewayUrl}${path}`, {
        method,
        headers: {
          authorization: auth,
          'idempotency-key': randomUUID(),
          traceparent: traceparent(),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const subscribed = await call('POST', '/orders/webhooks/subscriptions', integrations, {
      url: partner.url,
      eventTypes: ['order.put_on_hold.v1'],
    });
    expect(subscribed.status).toBe(201);

    const registered = await traced('POST', '/customers', clerk, {
      name: 'Ada Lovelace',
      email: `ada-${randomUUID()}@example.com`,
    });
    expect(registered.status).toBe(201);
    const { id: customerId } = (await registered.json()) as { id: string };
    const approved = await postWebhook(`${gatewayUrl}/hooks/kyc-provider`, {
      payload: { type: 'kyc.approved', data: { customerId, checkId: 'chk-1' } },
      secrets: resolveWebhookSecrets(),
      headers: { traceparent: traceparent() },
    });
    expect(approved.status).toBe(200);
    // orders-evh records the standing from customer.kyc_approved.v1; until then orders are refused.
    const order = await eventually(async () => {
      const placed = await traced('POST', '/orders', clerk, {
        customerId,
        currency: 'EUR',
        lines: [{ sku: 'sku-1', quantity: 1, unitPrice: 500 }],
      });
      return placed.status === 201 ? ((await placed.json()) as { id: string }) : undefined;
    }, 'an order accepted');
    expect(
      (await traced('POST', `/customers/${customerId}/block`, risk, { reason: 'chargebacks' }))
        .status,
    ).toBe(200);
    const webhook = await eventually(
      () => partner.received.find((r) => r.body.includes(order.id)),
      'the partner got order.put_on_hold.v1',
    );

    const trace = await eventually(
      async () => {
        const found = (await jaeger<JaegerTrace[]>(`/api/traces/${traceId}`))?.[0];
        const services = found && servicesIn(found);
        return services && flowApps.every((app) => services.has(app)) ? found : undefined;
      },
      `Jaeger has spans of ${flowApps.join(', ')} in trace ${traceId}`,
    );
    expect([...servicesIn(trace)].sort()).toEqual(expect.arrayContaining(flowApps));
    const operations = trace.spans.map((span) => span.operationName);
    expect(operations).toEqual(
      expect.arrayContaining([
        'send customers.events.v1',
        'process customers.events.v1',
        'send orders.events.v1',
        'process orders.events.v1',
      ]),
    );

    // Beside the flow: the audit trails and the partner's webhook link to it.
    for (const service of ['customers-chgh', 'orders-chgh', 'orders-extevp']) {
      await eventually(
        async () => ((await linkingSpans(service)).length > 0 ? true : undefined),
        `${service} links to trace ${traceId}`,
      );
    }
    const [deliver] = await linkingSpans('orders-extevp');
    expect(deliver?.operationName).toBe('deliver order.put_on_hold.v1');
    expect(webhook.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});
