import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { signToken } from '@cqrs/framework-core';
import { formatSequence, toKafkaMessage } from '@cqrs/framework-kafka';
import { ordersEventsTopic } from '@cqrs/orders-shared';
import { startSystem } from '@cqrs/tools-dev';
import { handledEvents } from './handled-events';
import { percentile, perSecond } from './stats';

/**
 * `npm run bench:flows`: the cross-service flows. (1) From an accepted `block` of a customer to
 * that customer's order being on hold (its `order.put_on_hold.v1` seen on Kafka): customers-cmdh
 * -> customers-evp -> Kafka -> orders-evh -> orders-cmdh -> orders-evp -> Kafka. (2) Events per
 * second through customers-evh at saturation: a backlog of `order.placed.v1` events, each one a
 * command to customers-cmdh. Prints figures; asserts nothing.
 */
const log = (line: string) => console.log(`[bench] ${line}`);
const customers = Number(process.env.BENCH_FLOW_CUSTOMERS ?? 50);
const backlog = Number(process.env.BENCH_EVH_EVENTS ?? 2000);

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function main() {
  const system = await startSystem({ log, gatewayPort: 0, output: () => undefined, color: false });
  const kafka = new Kafka({
    clientId: 'bench-flows',
    brokers: system.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `bench-flows-${randomUUID()}` });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  try {
    const sign = (sub: string, roles: string[] = []) =>
      signToken({ sub, roles, secret: system.jwtSecret, expiresIn: '1h' }).then(
        (t) => `Bearer ${t}`,
      );
    const [clerk, risk, service] = await Promise.all([
      sign('bench'),
      sign('rita', ['risk']),
      sign('bench-psp', ['service']),
    ]);
    const url = (name: string) => system.apps.find((app) => app.name === name)!.url;
    const post = async (base: string, path: string, auth: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          authorization: auth,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };

    const heldAt = new Map<string, number>();
    await consumer.connect();
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
    );
    await consumer.subscribe({ topic: ordersEventsTopic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        const event = JSON.parse(message.value!.toString()) as {
          type: string;
          data: { customerId: string };
        };
        if (event.type === 'order.put_on_hold.v1') heldAt.set(event.data.customerId, Date.now());
        return Promise.resolve();
      },
    });
    await joined;

    // Set-up: active customers with one placed order each.
    const ids: string[] = [];
    for (let i = 0; i < customers; i++) {
      const { id } = await post(system.gatewayUrl, '/customers', clerk, {
        name: `Flow ${i}`,
        email: `flow-${randomUUID()}@example.com`,
      });
      await post(
        url('customers-cmdh'),
        `/internal/customers/${String(id)}/kyc/approve`,
        service,
        {},
      );
      ids.push(String(id));
    }
    for (const customerId of ids) {
      await eventually(async () => {
        const response = await fetch(`${system.gatewayUrl}/orders`, {
          method: 'POST',
          headers: {
            authorization: clerk,
            'content-type': 'application/json',
            'idempotency-key': `place-${customerId}`,
          },
          body: JSON.stringify({
            customerId,
            currency: 'EUR',
            lines: [{ sku: 'X', quantity: 1, unitPrice: 100 }],
          }),
        });
        return response.status === 201 ? true : undefined;
      }, 'the customer standing to reach orders');
    }

    // (1) block -> orders on hold, one customer at a time so the pipeline is not queued.
    const holdLatencies: number[] = [];
    for (const customerId of ids) {
      await post(system.gatewayUrl, `/customers/${customerId}/block`, risk, { reason: 'bench' });
      const accepted = Date.now();
      const held = await eventually(
        () => Promise.resolve(heldAt.get(customerId)),
        'the order to go on hold',
      );
      holdLatencies.push(held - accepted);
    }
    log(
      `accepted block -> the customer's order on hold (${holdLatencies.length} customers, one at a time): p50 ${percentile(holdLatencies, 50)} ms, p99 ${percentile(holdLatencies, 99)} ms`,
    );

    // (2) customers-evh at saturation: a backlog of order.placed events, then drain it.
    const handled = () => handledEvents(url('customers-evh'));
    const before = await handled();
    await producer.connect();
    const events = Array.from({ length: backlog }, (_, i) => {
      const customerId = ids[i % ids.length]!;
      return toKafkaMessage({
        specversion: '1.0',
        id: `bench-order-${i}:1`,
        source: '/orders',
        type: 'order.placed.v1',
        subject: `bench-order-${i}`,
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        data: { orderId: `bench-order-${randomUUID()}`, customerId },
        sequence: formatSequence(1),
      });
    });
    const started = performance.now();
    for (let i = 0; i < events.length; i += 500) {
      await producer.send({
        topic: ordersEventsTopic,
        acks: -1,
        messages: events.slice(i, i + 500),
      });
    }
    await eventually(
      async () => ((await handled()) - before >= backlog ? true : undefined),
      'the backlog to drain',
    );
    const elapsed = performance.now() - started;
    log(
      `customers-evh at saturation (${backlog} order.placed events, each a command to customers-cmdh): ${perSecond(backlog, elapsed)} events/s`,
    );
  } finally {
    await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
    await system.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
