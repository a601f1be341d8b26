import { randomUUID } from 'node:crypto';
import { signToken } from '@cqrs/framework-core';
import { TEST_JWT_SECRET } from '@cqrs/framework-core/testing';
import type { AppOnTestDatabase } from '@cqrs/framework-mongo/testing';
import { appOnTestDatabase } from '@cqrs/framework-mongo/testing';
import type { ReceiverBehaviour, WebhookReceiver } from '@cqrs/framework-webhook-delivery/testing';
import {
  hanging,
  healthy,
  startWebhookReceiver,
  thingsExtevp,
  writeThingEvent,
} from '@cqrs/framework-webhook-delivery/testing';
import { percentile, perSecond } from './stats';

/**
 * `npm run bench:webhooks`: the extevp pipeline (change stream -> deliveries -> signed POSTs) on
 * the embedded engine, with partners' receivers on loopback in this process. (1) deliveries per
 * second to 50 healthy receivers; (2) the same with 5 of the 50 never answering (the healthy
 * ones' rate should barely move); (3) event -> delivered latency, one event at a time.
 * Production settings except loopback targets. Prints figures; asserts nothing.
 */
const log = (line: string) => console.log(`[bench] ${line}`);
const events = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 100);
const receiversCount = 50;

type Running = AppOnTestDatabase<Parameters<typeof thingsExtevp.start>[0]>;

async function waitFor(condition: () => boolean, what: string, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function setUp(behaviours: ReceiverBehaviour[]) {
  const receivers = await Promise.all(behaviours.map((b) => startWebhookReceiver(b)));
  const app: Running = await appOnTestDatabase(thingsExtevp, {
    env: {
      LOG_LEVEL: 'warn',
      JWT_HS256_SECRET: TEST_JWT_SECRET,
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
      WEBHOOK_PLAIN_HTTP_NETWORKS: '127.0.0.0/8',
      WEBHOOK_TIMEOUT_MS: '10000',
      WEBHOOK_CLAIM_VISIBILITY_MS: '30000',
    },
  });
  const token = await signToken({
    sub: 'bench-partner',
    roles: ['integrations'],
    secret: TEST_JWT_SECRET,
    expiresIn: '1h',
  });
  for (const receiver of receivers) {
    const answer = await fetch(`${app.url}/things/webhooks/subscriptions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ url: receiver.url }),
    });
    if (answer.status !== 201)
      throw new Error(`subscribe: ${answer.status} ${await answer.text()}`);
  }
  return {
    app,
    receivers,
    close: async () => {
      await Promise.all(receivers.map((r) => r.close()));
      await app.stop();
    },
  };
}

async function throughput(label: string, behaviours: ReceiverBehaviour[]) {
  const { app, receivers, close } = await setUp(behaviours);
  try {
    const healthyOnes = receivers.filter((_, i) => behaviours[i] === healthy);
    const started = Date.now();
    for (let i = 0; i < events; i++)
      await writeThingEvent(app.db, `bench-${i}`, 'thing.created.v1');
    const target = events * healthyOnes.length;
    const count = (rs: WebhookReceiver[]) => rs.reduce((sum, r) => sum + r.received.length, 0);
    await waitFor(() => count(healthyOnes) >= target, `${target} deliveries`);
    const ms = Date.now() - started;
    log(
      `${label}: ${target} deliveries to ${healthyOnes.length} healthy receivers in ${ms} ms: ` +
        `${perSecond(target, ms)} deliveries/s (${events} events, signed, over keep-alive)`,
    );
  } finally {
    await close();
  }
}

async function latency() {
  const { app, receivers, close } = await setUp([healthy]);
  const [receiver] = receivers as [WebhookReceiver];
  try {
    const samples: number[] = [];
    for (let i = 0; i < 200; i++) {
      const before = receiver.received.length;
      const written = Date.now();
      await writeThingEvent(app.db, `latency-${i}`, 'thing.created.v1');
      await waitFor(() => receiver.received.length > before, 'the delivery');
      samples.push((receiver.received.at(-1)?.at.getTime() ?? NaN) - written);
    }
    log(
      `event -> delivered, one at a time (200 events): p50 ${percentile(samples, 50)} ms, ` +
        `p99 ${percentile(samples, 99)} ms`,
    );
  } finally {
    await close();
  }
}

async function main() {
  const all = Array.from({ length: receiversCount }, () => healthy);
  await throughput('50 healthy', all);
  await throughput(
    '45 healthy + 5 hanging',
    all.map((b, i) => (i % 10 === 0 ? hanging : b)),
  );
  await latency();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
