import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient, type Document } from 'mongodb';
import { signToken } from '@cqrs/framework-core';
import type { StoredEvent } from '@cqrs/framework-command-handling';
import { toCloudEvent } from '@cqrs/framework-event-publishing';
import { customersCollection, customersEventsTopic } from '@cqrs/customers-shared';
import { startLocalInfra, useTestProfile } from '@cqrs/tools-infra';
import { discoverApps, selectApps } from '@cqrs/tools-workspace';
import { cpuSeconds, residentMiB } from '../process-usage';
import { benchOutDir, sideBySideRow, writeBenchResult } from './bench-result';
import { bundledApps } from './bundled-apps';
import { startChildScript } from './child-script';

/**
 * `npm run bench:evp`: customers-evp as its pod runs it (bundled, its Deployment's V8 options)
 * beside a raw kafkajs producer (./raw-producer.ts) sending the same kind of CloudEvents from
 * memory. Each evp run pauses evp (SIGSTOP), writes BENCH_EVP_EVENTS (default 3000) customer
 * documents, clones of one customers-cmdh registered, resumes it and times its catch-up: from the
 * resume to the last of their events seen by a consumer in this process. Each baseline run hands
 * the producer as many events of the same shape and times them from the hand-over to the last
 * one seen, by the same consumer.
 * BENCH_ROUNDS (default 3) alternating rounds after one warm-up each. Prints events per second,
 * CPU per event and resident memory, median (min-max); JSON in tmp/bench/evp.json.
 * Asserts nothing.
 */
const log = (line: string) => console.log(`[bench] ${line}`);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const count = Number(process.env.BENCH_EVP_EVENTS ?? 3000);

interface Run {
  readonly eventsPerSecond: number;
  readonly cpuMsPerEvent: number;
  readonly residentMiB: number;
}

/** Replaces every occurrence of the strings in `swap` inside string values, deeply. */
function swapStrings<T>(value: T, swap: ReadonlyMap<string, string>): T {
  if (typeof value === 'string') {
    let text: string = value;
    for (const [from, to] of swap) text = text.split(from).join(to);
    return text as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => swapStrings(v, swap)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, swapStrings(v, swap)]),
    ) as T;
  }
  return value;
}

async function startRawProducer(brokers: string, topic: string) {
  const script = await startChildScript(
    'raw-producer.ts',
    { KAFKA_BROKERS: brokers, TOPIC: topic },
    /^raw producer ready pid (?<pid>\d+)$/,
  );
  return {
    ...script,
    send: async (file: string) => {
      const answer = await script.ask(file);
      if (!answer.startsWith('sent ')) throw new Error(`the raw producer said: ${answer}`);
    },
  };
}

async function main() {
  useTestProfile();
  const infra = await startLocalInfra(log);
  const apps = selectApps(discoverApps(), ['customers-cmdh', 'customers-evp']);
  const bundles = await bundledApps(apps, log);
  const system = await bundles.start('deployment');
  const kafka = new Kafka({
    clientId: 'bench-evp',
    brokers: system.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  const consumer = kafka.consumer({ groupId: `bench-evp-${randomUUID()}` });
  const mongo = await MongoClient.connect(system.mongoUrl);
  let producer: Awaited<ReturnType<typeof startRawProducer>> | undefined;
  try {
    const rawTopic = `bench.raw-producer.${randomUUID()}`;
    await admin.connect();
    const [customersTopic] = (await admin.fetchTopicMetadata({ topics: [customersEventsTopic] }))
      .topics;
    await admin.createTopics({
      topics: [{ topic: rawTopic, numPartitions: customersTopic!.partitions.length }],
      waitForLeaders: true,
    });
    const seen = { [customersEventsTopic]: 0, [rawTopic]: 0 } as Record<string, number>;
    await consumer.connect();
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
    );
    await consumer.subscribe({ topics: [customersEventsTopic, rawTopic], fromBeginning: false });
    await consumer.run({
      eachBatch: ({ batch }) => {
        seen[batch.topic] = (seen[batch.topic] ?? 0) + batch.messages.length;
        return Promise.resolve();
      },
    });
    await joined;
    producer = await startRawProducer(system.kafkaBrokers, rawTopic);

    // The template: one customer as customers-cmdh registers it.
    const auth = `Bearer ${await signToken({ sub: 'bench', secret: system.jwtSecret, expiresIn: '1h' })}`;
    const registered = await fetch(
      `${system.apps.find((a) => a.name === 'customers-cmdh')!.url}/customers`,
      {
        method: 'POST',
        headers: {
          authorization: auth,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({ name: 'Bench Template', email: `${randomUUID()}@example.com` }),
      },
    );
    if (registered.status !== 201) throw new Error(`register answered ${registered.status}`);
    const collection = mongo.db('customers').collection<Document>(customersCollection);
    const template = await collection.findOne({
      _id: ((await registered.json()) as { id: string }).id as never,
    });
    if (!template) throw new Error('the registered customer is not stored');
    const clones = () =>
      Array.from({ length: count }, () =>
        swapStrings(
          template,
          new Map([
            [String(template._id), randomUUID()],
            [String(template.email), `${randomUUID()}@example.com`],
          ]),
        ),
      );
    const evpPid = () => system.control.pids('customers-evp')[0]!;
    const waitSeen = async (topic: string, target: number) => {
      const deadline = Date.now() + 300_000;
      while (seen[topic]! < target) {
        if (Date.now() > deadline)
          throw new Error(`timed out: ${seen[topic]} of ${target} on ${topic}`);
        await sleep(2);
      }
    };

    const runEvp = async (): Promise<Run> => {
      const documents = clones();
      const target = seen[customersEventsTopic]! + count;
      // evp is paused while the documents are written, so the run times its catch-up on a
      // backlog, not the engine's inserts (well inside its lease: it renews every 5 s of 15).
      const pid = evpPid();
      // Paused, it spends nothing until resumed: its CPU from here is its catch-up's.
      const cpu = cpuSeconds(pid);
      process.kill(pid, 'SIGSTOP');
      try {
        for (let i = 0; i < documents.length; i += 500) {
          await collection.insertMany(documents.slice(i, i + 500));
        }
      } finally {
        process.kill(pid, 'SIGCONT');
      }
      const started = performance.now();
      await waitSeen(customersEventsTopic, target);
      const seconds = (performance.now() - started) / 1000;
      return {
        eventsPerSecond: count / seconds,
        cpuMsPerEvent: ((cpuSeconds(pid) - cpu) * 1000) / count,
        residentMiB: residentMiB(pid),
      };
    };
    const runRaw = async (): Promise<Run> => {
      const file = path.join(benchOutDir, 'evp-raw-events.json');
      writeFileSync(
        file,
        JSON.stringify(clones().map((d) => toCloudEvent(d.lastEvent as StoredEvent, '/customers'))),
      );
      const target = seen[rawTopic]! + count;
      const cpu = cpuSeconds(producer!.pid);
      const started = performance.now();
      await producer!.send(file);
      await waitSeen(rawTopic, target);
      const seconds = (performance.now() - started) / 1000;
      return {
        eventsPerSecond: count / seconds,
        cpuMsPerEvent: ((cpuSeconds(producer!.pid) - cpu) * 1000) / count,
        residentMiB: residentMiB(producer!.pid),
      };
    };

    const targets = [
      { name: 'customers-evp', run: runEvp },
      { name: 'raw kafkajs producer', run: runRaw },
    ];
    for (const target of targets) {
      log(`warm-up: ${target.name}`);
      await target.run();
    }
    const runs: Record<string, Run[]> = {};
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      for (const target of order) {
        const run = await target.run();
        (runs[target.name] ??= []).push(run);
        log(
          `round ${round + 1}: ${target.name} ${run.eventsPerSecond.toFixed(0)} events/s, ` +
            `${run.cpuMsPerEvent.toFixed(3)} ms CPU/event, ${run.residentMiB.toFixed(0)} MiB`,
        );
      }
    }

    const evp = runs['customers-evp']!;
    const raw = runs['raw kafkajs producer']!;
    const rows = [
      sideBySideRow(
        `evp: events/s, catching up on ${count} written while it was paused`,
        evp,
        raw,
        (r) => r.eventsPerSecond,
        0,
      ),
      sideBySideRow('evp: CPU ms per event', evp, raw, (r) => r.cpuMsPerEvent, 3),
      sideBySideRow('evp: RSS MiB after a run', evp, raw, (r) => r.residentMiB, 0),
    ];
    console.log(
      `\n${count} events per run, ${rounds} alternating rounds; baseline: a raw kafkajs producer\n`,
    );
    for (const row of rows)
      console.log(`${row.what}: ${row.figure} vs ${row.baseline} (${row.ratio})`);
    writeBenchResult('evp', rows, { count, rounds, runs });
    await admin.deleteTopics({ topics: [rawTopic] }).catch(() => undefined);
  } finally {
    await producer?.stop();
    await Promise.allSettled([consumer.disconnect(), admin.disconnect(), mongo.close()]);
    await system.stop();
    await infra.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
