import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { signToken } from '@cqrs/framework-core';
import { startWebhookReceiver } from '@cqrs/framework-webhook-delivery/testing';
import { customersEventsTopic } from '@cqrs/customers-shared';
import { customerStandingsCollection } from '@cqrs/orders-shared';
import { components, startLocalInfra, stateOf, useTestProfile } from '@cqrs/tools-infra';
import { cpuSeconds, residentMiB } from '../process-usage';
import { handledEvents } from '../handled-events';
import { medianSpread, percentile } from '../stats';
import { ratioOf, sideBySideRow, writeBenchResult, type ReportRow } from './bench-result';
import { startChildScript } from './child-script';

/**
 * `npm run bench:system`: the whole system as `npm start` runs it (./system-host.ts: the 14 apps
 * bundled, their Deployments' V8 options, the gateway) on the in-memory engine and the broker,
 * with a partner's webhook subscription to `customer.registered.v1` (a receiver in this process
 * that verifies every delivery with the `standardwebhooks` library). Each of BENCH_ROUNDS
 * (default 3) rounds runs, with autocannon and 16 connections for BENCH_SECONDS (default 10):
 *
 * 1. registrations (`POST /customers`) through the gateway and straight to customers-cmdh, in
 *    turns: requests per second, and for the gateway run the CPU every process spent per
 *    registration from the first request until all of its consequences were done (the event on
 *    Kafka, the standing applied by orders-evh through orders-cmdh, the webhook delivered);
 *    sustained capacity is registrations over that same time;
 * 2. registrations through the gateway at half the sustained capacity, and for each one the time
 *    from customers-cmdh accepting it (its event's time) to the event seen on Kafka by a consumer
 *    here, to orders-cmdh applying the standing orders-evh asked for (the standing's event
 *    time), and to its webhook arriving here.
 *
 * Prints median (min-max) over the rounds; JSON in tmp/bench/system.json. Asserts nothing.
 */
const log = (line: string) => console.log(`[bench] ${line}`);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = 16;

interface HostedSystem {
  readonly gatewayUrl: string;
  readonly jwtSecret: string;
  readonly mongoUrl: string;
  readonly kafkaBrokers: string;
  readonly apps: readonly { name: string; url: string; pid: number }[];
}

async function startHost() {
  const host = await startChildScript(
    'system-host.ts',
    {},
    /^system ready pid (?<pid>\d+) (?<json>.+)$/,
  );
  return { ...host, system: JSON.parse(host.ready.groups!.json!) as HostedSystem };
}

interface LoadRun {
  readonly requestsPerSecond: number;
  readonly accepted: number;
  readonly failed: number;
}
interface SystemRun extends LoadRun {
  /** Registrations per second from the first request until every consequence was done. */
  readonly sustainedPerSecond: number;
  /** CPU ms per registration, per process. */
  readonly cpuMs: Record<string, number>;
  /** Resident memory at the end of the load, per process. */
  readonly residentMiB: Record<string, number>;
}
interface LatencyRun {
  readonly rate: number;
  readonly count: number;
  readonly toKafka: { p50: number; p99: number };
  readonly toStanding: { p50: number; p99: number };
  readonly toWebhook: { p50: number; p99: number };
}

async function main() {
  useTestProfile();
  const infra = await startLocalInfra(log);
  log('bundling and starting the whole system');
  const host = await startHost();
  const { system } = host;
  const kafka = new Kafka({
    clientId: 'bench-system',
    brokers: system.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `bench-system-${randomUUID()}` });
  const mongo = await MongoClient.connect(system.mongoUrl);
  const receiver = await startWebhookReceiver();
  try {
    const processes = [
      ...system.apps.map((a) => ({ name: a.name, pid: a.pid })),
      { name: 'gateway (dev runner)', pid: host.pid },
      ...(await Promise.all(
        components.map(async (c) => {
          const state = await stateOf(infra.config, c);
          if (state.state !== 'running') throw new Error(`${c.name} is not running`);
          return { name: c.name, pid: state.pid };
        }),
      )),
    ];
    const sign = (sub: string, roles: string[] = []) =>
      signToken({ sub, roles, secret: system.jwtSecret, expiresIn: '2h' }).then(
        (t) => `Bearer ${t}`,
      );
    const clerk = await sign('bench');
    const subscribed = await fetch(`${system.gatewayUrl}/customers/webhooks/subscriptions`, {
      method: 'POST',
      headers: {
        authorization: await sign('bench-partner', ['integrations']),
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ url: receiver.url, eventTypes: ['customer.registered.v1'] }),
    });
    if (subscribed.status !== 201) throw new Error(`subscribe answered ${subscribed.status}`);
    const { secret } = (await subscribed.json()) as { secret: string };

    // Every registration's event as a consumer sees it on Kafka, by customer id: when
    // customers-cmdh accepted it (the event's time) and when it was seen here.
    const onKafka = new Map<string, { accepted: number; seen: number }>();
    await consumer.connect();
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
    );
    await consumer.subscribe({ topic: customersEventsTopic, fromBeginning: false });
    await consumer.run({
      eachBatch: ({ batch }) => {
        const at = Date.now();
        for (const message of batch.messages) {
          if (message.headers?.['ce_type']?.toString() !== 'customer.registered.v1') continue;
          const event = JSON.parse(message.value!.toString()) as { subject: string; time: string };
          onKafka.set(event.subject, { accepted: Date.parse(event.time), seen: at });
        }
        return Promise.resolve();
      },
    });
    await joined;
    // The new group's offsets are resolved to the end of each partition just after the join.
    await sleep(1000);
    const standings = mongo
      .db('orders')
      .collection<{ _id: string; lastEvent: { time: Date } }>(customerStandingsCollection);
    /** Webhook ids delivered so far (a delivery may come twice: at least once). */
    const delivered = new Set<string>();
    const collectDelivered = () => {
      for (let i = delivered.size; i < receiver.received.length; i++) {
        delivered.add(receiver.received[i]!.id);
      }
    };
    const ordersEvhUrl = system.apps.find((a) => a.name === 'orders-evh')!.url;
    /** Events orders-evh has handled: each a standing applied by orders-cmdh. */
    const handledByOrdersEvh = () => handledEvents(ordersEvhUrl);
    const handledBefore = await handledByOrdersEvh();
    /** Every customer this bench registered. */
    const registered = new Set<string>();
    /** Resolves once every registration so far has its event, standing and webhook. */
    const drained = async () => {
      const deadline = Date.now() + 600_000;
      for (;;) {
        const applied = (await handledByOrdersEvh()) - handledBefore;
        collectDelivered();
        let pending = 0;
        for (const id of registered) {
          if (!onKafka.has(id) || !delivered.has(`${id}:1`)) pending++;
        }
        if (pending === 0 && applied >= registered.size) return;
        if (Date.now() > deadline)
          throw new Error(
            `not drained: ${registered.size} registered, ${pending} without their event or webhook, ${applied} standings applied`,
          );
        // Seldom enough that watching costs the system nothing worth measuring.
        await sleep(100);
      }
    };

    /** The customers registered by the current run. */
    const ids = new Set<string>();
    const load = async (url: string, rate?: number): Promise<LoadRun> => {
      ids.clear();
      const result = await autocannon({
        url,
        connections,
        duration: seconds,
        ...(rate === undefined ? {} : { overallRate: rate }),
        requests: [
          {
            method: 'POST',
            path: '/customers',
            setupRequest: (request) => ({
              ...request,
              headers: {
                authorization: clerk,
                'content-type': 'application/json',
                'idempotency-key': randomUUID(),
              },
              body: JSON.stringify({
                name: 'Bench Customer',
                email: `${randomUUID()}@example.com`,
              }),
            }),
            onResponse: (status, body) => {
              if (status !== 201) return;
              const { id } = JSON.parse(body) as { id: string };
              ids.add(id);
              registered.add(id);
            },
          },
        ],
      });
      const accepted = result['2xx'];
      return {
        requestsPerSecond: accepted / seconds,
        accepted,
        failed: result.non2xx + result.errors + result.timeouts,
      };
    };
    const cmdhUrl = system.apps.find((a) => a.name === 'customers-cmdh')!.url;

    /** CPU ms each process spent since `before` (its CPU seconds then), per registration. */
    const cpuPerRegistration = (before: number[], accepted: number) =>
      Object.fromEntries(
        processes.map((p, i) => [
          p.name,
          ((cpuSeconds(p.pid) - before[i]!) * 1000) / Math.max(1, accepted),
        ]),
      );
    const throughGateway = async (): Promise<SystemRun> => {
      const before = processes.map((p) => cpuSeconds(p.pid));
      const started = performance.now();
      const run = await load(system.gatewayUrl);
      const rss = Object.fromEntries(processes.map((p) => [p.name, residentMiB(p.pid)]));
      await drained();
      const elapsed = (performance.now() - started) / 1000;
      return {
        ...run,
        sustainedPerSecond: run.accepted / elapsed,
        cpuMs: cpuPerRegistration(before, run.accepted),
        residentMiB: rss,
      };
    };
    const direct = async (): Promise<SystemRun> => {
      const before = processes.map((p) => cpuSeconds(p.pid));
      const run = await load(cmdhUrl);
      const cpuMs = cpuPerRegistration(before, run.accepted);
      await drained();
      return { ...run, sustainedPerSecond: NaN, cpuMs, residentMiB: {} };
    };
    const latency = async (rate: number): Promise<LatencyRun> => {
      await load(system.gatewayUrl, rate);
      await drained();
      const accepted = [...ids];
      const stored = new Map(
        (await standings.find({ _id: { $in: accepted } }).toArray()).map((s) => [
          s._id,
          s.lastEvent.time.getTime(),
        ]),
      );
      // The first delivery of each.
      const webhooks = new Map<string, number>();
      for (const r of receiver.received)
        if (!webhooks.has(r.id)) webhooks.set(r.id, r.at.getTime());
      const delays = (at: (id: string) => number | undefined, what: string) => {
        const list = accepted.map((id) => (at(id) ?? NaN) - (onKafka.get(id)?.accepted ?? NaN));
        const missing = list.filter(Number.isNaN).length;
        if (missing > 0) throw new Error(`${missing} of ${list.length} registrations lack ${what}`);
        return { p50: percentile(list, 50), p99: percentile(list, 99) };
      };
      return {
        rate,
        count: accepted.length,
        toKafka: delays((id) => onKafka.get(id)?.seen, 'their event on Kafka'),
        toStanding: delays((id) => stored.get(id), 'their standing'),
        toWebhook: delays((id) => webhooks.get(`${id}:1`), 'their webhook'),
      };
    };

    const totalCpu = (run: SystemRun) => Object.values(run.cpuMs).reduce((a, b) => a + b, 0);

    log('warm-up');
    await throughGateway();
    await direct();
    const gatewayRuns: SystemRun[] = [];
    const directRuns: SystemRun[] = [];
    const latencyRuns: LatencyRun[] = [];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? ['gateway', 'direct'] : ['direct', 'gateway'];
      for (const target of order) {
        const run = target === 'gateway' ? await throughGateway() : await direct();
        (target === 'gateway' ? gatewayRuns : directRuns).push(run);
        log(
          `round ${round + 1}: ${target} ${run.requestsPerSecond.toFixed(0)} req/s` +
            (target === 'gateway'
              ? `, sustained ${run.sustainedPerSecond.toFixed(0)}/s, ${totalCpu(run).toFixed(2)} ms CPU per registration`
              : '') +
            `, ${run.failed} failed`,
        );
      }
      const rate = Math.max(1, Math.round(gatewayRuns.at(-1)!.sustainedPerSecond / 2));
      const run = await latency(rate);
      latencyRuns.push(run);
      log(
        `round ${round + 1}: at ${rate}/s: -> Kafka p50 ${run.toKafka.p50} p99 ${run.toKafka.p99} ms; ` +
          `-> standing p50 ${run.toStanding.p50} p99 ${run.toStanding.p99} ms; ` +
          `-> webhook p50 ${run.toWebhook.p50} p99 ${run.toWebhook.p99} ms`,
      );
    }

    const median = (values: number[]) => percentile(values, 50);
    const spread = (values: number[], digits = 0) => medianSpread(values, digits);
    const rows: ReportRow[] = [
      sideBySideRow(
        'gateway: registrations/s, through the gateway vs straight to cmdh',
        gatewayRuns,
        directRuns,
        (r) => r.requestsPerSecond,
        0,
      ),
      sideBySideRow(
        'gateway: dev runner CPU ms/registration, through the gateway vs straight (its log reading only)',
        gatewayRuns,
        directRuns,
        (r) => r.cpuMs['gateway (dev runner)']!,
        3,
      ),
      {
        what: 'system: sustained registrations/s (until every event, standing and webhook is done)',
        figure: spread(gatewayRuns.map((r) => r.sustainedPerSecond)),
        baseline: '280 (issue 12, before)',
        ratio: ratioOf(median(gatewayRuns.map((r) => r.sustainedPerSecond)), 280),
        target: '>= 2 x 280',
      },
      {
        what: 'system: CPU ms per registration, summed over every process',
        figure: spread(gatewayRuns.map(totalCpu), 2),
        baseline: '~7 (issue 12, before)',
        ratio: ratioOf(median(gatewayRuns.map(totalCpu)), 7),
        target: '<= 3.5',
      },
      ...processes.map((p) => ({
        what: `system: ${p.name} CPU ms/registration; RSS MiB under load`,
        figure: `${spread(
          gatewayRuns.map((r) => r.cpuMs[p.name]!),
          3,
        )}; ${spread(gatewayRuns.map((r) => r.residentMiB[p.name]!))}`,
        baseline: '-',
        ratio: '-',
        target: p.name === 'mongo' ? '<= 0.6 ms' : '-',
      })),
      ...(
        [
          ['accepted -> event on Kafka', (r: LatencyRun) => r.toKafka, 'p99 < 50 ms'],
          ['accepted -> standing applied by orders-evh', (r: LatencyRun) => r.toStanding, '-'],
          ['accepted -> webhook delivered and verified', (r: LatencyRun) => r.toWebhook, '-'],
        ] as const
      ).map(([what, figure, target]) => ({
        what: `latency at half capacity, ${what}: p50; p99 ms`,
        figure: `${spread(latencyRuns.map((r) => figure(r).p50))}; ${spread(latencyRuns.map((r) => figure(r).p99))}`,
        baseline: '-',
        ratio: '-',
        target,
      })),
    ];
    const unverified = receiver.unverified(secret).length;
    log(`${receiver.received.length} webhook deliveries, ${unverified} of them not verified`);
    console.log(
      `\n${connections} connections, ${seconds} s per run, ${rounds} alternating rounds\n`,
    );
    for (const row of rows)
      console.log(`${row.what}: ${row.figure} vs ${row.baseline} (${row.ratio})`);
    writeBenchResult('system', rows, {
      seconds,
      rounds,
      connections,
      gatewayRuns,
      directRuns,
      latencyRuns,
    });
  } finally {
    await Promise.allSettled([consumer.disconnect(), mongo.close(), receiver.close()]);
    await host.stop();
    await infra.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
