import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { signToken } from '@cqrs/framework-core';
import { customersEventsTopic } from '@cqrs/customers-shared';
import { startSystem } from '@cqrs/tools-dev';
import { percentile, perSecond } from './stats';

/**
 * `npm run bench:customers`: commands per second through the gateway with their latency, and
 * the time from an accepted command to its event on Kafka. Starts the whole system (infra,
 * every app, the gateway); prints figures, asserts nothing.
 */
const log = (line: string) => console.log(`[bench] ${line}`);
const workers = Number(process.env.BENCH_CONCURRENCY ?? 16);
const customersPerWorker = Number(process.env.BENCH_CUSTOMERS_PER_WORKER ?? 25);
const updatesPerCustomer = 4;

async function main() {
  const system = await startSystem({ log, gatewayPort: 0, output: () => undefined, color: false });
  const kafka = new Kafka({
    clientId: 'bench',
    brokers: system.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}` });
  try {
    const auth = `Bearer ${await signToken({ sub: 'bench', secret: system.jwtSecret, expiresIn: '1h' })}`;
    // Every event seen, by id: an event can reach Kafka before its command's HTTP answer
    // reaches the client, so matching happens after the load.
    const eventLatencyById = new Map<string, number>();
    const expected = new Set<string>();
    await consumer.connect();
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
    );
    // From the beginning: a group starting at "latest" can miss events produced while it joins.
    await consumer.subscribe({ topic: customersEventsTopic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        const event = JSON.parse(message.value!.toString()) as { id: string; time: string };
        // `time` is when cmdh decided the command, just before its one write.
        eventLatencyById.set(event.id, Date.now() - Date.parse(event.time));
        return Promise.resolve();
      },
    });
    await joined;

    const commandLatencies: number[] = [];
    const send = async (method: string, path: string, body: unknown) => {
      const started = performance.now();
      const response = await fetch(`${system.gatewayUrl}${path}`, {
        method,
        headers: {
          authorization: auth,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify(body),
      });
      const resource = (await response.json()) as { id: string; version: number };
      commandLatencies.push(performance.now() - started);
      if (!response.ok)
        throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(resource)}`);
      expected.add(`${resource.id}:${resource.version}`);
      return resource;
    };

    const started = performance.now();
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        for (let c = 0; c < customersPerWorker; c++) {
          const { id } = await send('POST', '/customers', {
            name: `Bench ${w}-${c}`,
            email: `bench-${randomUUID()}@example.com`,
          });
          for (let u = 1; u <= updatesPerCustomer; u++) {
            await send('PATCH', `/customers/${id}`, { name: `Bench ${w}-${c} v${u}` });
          }
        }
      }),
    );
    const elapsed = performance.now() - started;
    const seen = () => [...expected].filter((id) => eventLatencyById.has(id)).length;
    const deadline = Date.now() + 60_000;
    while (seen() < expected.size && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const eventLatencies = [...expected].flatMap((id) => eventLatencyById.get(id) ?? []);

    const count = commandLatencies.length;
    log(
      `commands through the gateway (${workers} concurrent clients, ${count} commands: register + ${updatesPerCustomer} updates each): ${perSecond(count, elapsed)}/s, latency p50 ${percentile(commandLatencies, 50).toFixed(1)} ms, p99 ${percentile(commandLatencies, 99).toFixed(1)} ms`,
    );
    log(
      `accepted command -> its event on Kafka (${eventLatencies.length} of ${expected.size} events): p50 ${percentile(eventLatencies, 50).toFixed(0)} ms, p99 ${percentile(eventLatencies, 99).toFixed(0)} ms`,
    );
  } finally {
    await consumer.disconnect();
    await system.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
