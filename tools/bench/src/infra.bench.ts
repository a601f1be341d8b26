import { setTimeout as sleep } from 'node:timers/promises';
import type { ChangeStreamDocument } from 'mongodb';
import { MongoClient } from 'mongodb';
import { Kafka, logLevel } from 'kafkajs';
import { components, parseInfraConfig, stateOf, startLocalInfra } from '@cqrs/tools-infra';
import { cpuSeconds, residentMiB } from './process-usage';
import { perSecond } from './stats';

/**
 * `npm run bench:infra`: what the embedded infrastructure delivers on this machine.
 * Prints figures; asserts nothing.
 */
const log = (line: string) => console.log(`[bench] ${line}`);
const suffix = Date.now().toString(36);

type Doc = { _id: string; version: number; payload: string };

async function changeStreamThroughput(url: string, writes: number) {
  const client = await MongoClient.connect(url, { maxPoolSize: 20 });
  const db = client.db(`bench-${suffix}`);
  const collection = db.collection<Doc>('aggregates');
  const stream = collection.watch<Doc, ChangeStreamDocument<Doc>>([], { maxAwaitTimeMS: 200 });
  await stream.tryNext();
  const docs = 20;
  const perDoc = writes / docs;
  const started = performance.now();
  let received = 0;
  let firstToken: unknown;
  const reading = (async () => {
    while (received < writes) {
      const event = await stream.tryNext();
      if (event) {
        firstToken ??= event._id;
        received++;
      }
    }
  })();
  await Promise.all(
    Array.from({ length: docs }, async (_, d) => {
      const id = `doc-${d}`;
      await collection.insertOne({ _id: id, version: 1, payload: 'x'.repeat(200) });
      for (let v = 2; v <= perDoc; v++) {
        await collection.replaceOne(
          { _id: id, version: v - 1 },
          { version: v, payload: 'y'.repeat(200) },
        );
      }
    }),
  );
  const written = performance.now();
  await reading;
  const live = performance.now() - started;
  await stream.close();

  // Drain: read everything again from the first token, with no writer competing.
  const replay = collection.watch([], { resumeAfter: firstToken as never, batchSize: 1000 });
  const drainStart = performance.now();
  let drained = 0;
  while (drained < writes - 1) if (await replay.tryNext()) drained++;
  const drain = performance.now() - drainStart;
  await replay.close();
  await db.dropDatabase();
  await client.close();
  log(
    `change stream, ${writes} writes from ${docs} concurrent writers: writes ${perSecond(writes, written - started)}/s, events observed live ${perSecond(writes, live)}/s`,
  );
  log(
    `change stream, draining ${drained} events from a resume token: ${perSecond(drained, drain)} events/s`,
  );
}

async function kafkaThroughput(brokers: string[], count: number) {
  const kafka = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING });
  const topic = `bench-${suffix}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: topic });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  let consumed = 0;
  let done!: () => void;
  const allConsumed = new Promise<void>((resolve) => (done = resolve));
  await consumer.run({
    eachBatch: ({ batch }) => {
      consumed += batch.messages.length;
      if (consumed >= count) done();
      return Promise.resolve();
    },
  });
  const value = JSON.stringify({
    specversion: '1.0',
    type: 'bench.event.v1',
    data: { payload: 'z'.repeat(300) },
  });
  const started = performance.now();
  const batch = 500;
  for (let i = 0; i < count; i += batch) {
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: batch }, (_, j) => ({ key: `k${(i + j) % 100}`, value })),
    });
  }
  const produced = performance.now();
  await allConsumed;
  const total = performance.now() - started;
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
  log(
    `kafka, ${count} messages of ${value.length} B (acks=all, idempotent, batches of ${batch}): produced ${perSecond(count, produced - started)}/s, produce->consume ${perSecond(count, total)}/s`,
  );
}

async function idleUsage(url: string, seconds: number) {
  const config = parseInfraConfig();
  const pids = new Map<string, number>();
  for (const c of components) {
    const s = await stateOf(config, c);
    if (s.state === 'running') pids.set(c.name, s.pid);
  }
  const client = await MongoClient.connect(url);
  const stream = client.db(`bench-idle-${suffix}`).collection('idle').watch();
  await stream.tryNext();
  await sleep(2000); // let start-up and the previous runs' garbage settle
  const before = new Map([...pids].map(([name, pid]) => [name, cpuSeconds(pid)]));
  const waiting = (async () => {
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline) await stream.tryNext();
  })();
  await waiting;
  for (const [name, pid] of pids) {
    const cpu = ((cpuSeconds(pid) - before.get(name)!) / seconds) * 100;
    log(
      `idle ${name} while a change stream waits (${seconds}s, no writes): CPU ${cpu.toFixed(1)}% of one core, RSS ${residentMiB(pid).toFixed(0)} MiB`,
    );
  }
  if (pids.size === 0) log('idle usage: infrastructure not started by infra:up here; skipped');
  await stream.close();
  await client.close();
}

async function main() {
  const infra = await startLocalInfra(log);
  try {
    const url = process.env.MONGO_URL!;
    const brokers = process.env.KAFKA_BROKERS!.split(',');
    await changeStreamThroughput(url, Number(process.env.BENCH_CHANGE_STREAM_WRITES ?? 20_000));
    await kafkaThroughput(brokers, Number(process.env.BENCH_KAFKA_MESSAGES ?? 100_000));
    await idleUsage(url, Number(process.env.BENCH_IDLE_SECONDS ?? 15));
  } finally {
    await infra.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
