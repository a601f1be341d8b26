import type { Consumer, EachMessagePayload } from 'kafkajs';
import { Kafka, logLevel } from 'kafkajs';
import { uniqueName } from '../testing/unique-name';

/**
 * Contract: what the platform relies on from Kafka, checked with kafkajs against KAFKA_BROKERS
 * (the embedded broker by default).
 */
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const kafka = new Kafka({ clientId: 'kafka-contract', brokers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
const consumers: Consumer[] = [];
/**
 * Creates a topic and waits for its leaders, allowing what the platform's `ensureTopics` allows
 * (30 s; kafkajs's default 5 s is tight on a loaded machine). Resolves with kafkajs's answer.
 */
const createTopic = (topic: string, numPartitions: number) =>
  admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true, timeout: 30_000 });

type Received = { key: string; value: string; partition: number };

/** Runs a consumer in `groupId` that collects every message of `topic` until `until` holds. */
async function consume(
  topic: string,
  groupId: string,
  until: (all: Received[]) => boolean,
  fromBeginning = true,
) {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500 });
  consumers.push(consumer);
  const received: Received[] = [];
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning });
  await consumer.run({
    eachMessage: ({ message, partition }: EachMessagePayload) => {
      received.push({ key: message.key!.toString(), value: message.value!.toString(), partition });
      if (until(received)) done();
      return Promise.resolve();
    },
  });
  return { consumer, received, finished };
}

// A test joins a consumer group once or twice; each join waits out the broker's rebalance, which
// alone can pass jest's 5 s default on a loaded machine.
jest.setTimeout(30_000);

beforeAll(async () => {
  await admin.connect();
  await producer.connect();
});

afterAll(async () => {
  await Promise.all(consumers.map((c) => c.disconnect()));
  await producer.disconnect();
  await admin.disconnect();
});

describe('Kafka contract', () => {
  it('creates topics through the admin client with the partitions asked for', async () => {
    const topic = uniqueName('contract-topic');

    const created = await createTopic(topic, 3);

    expect(created).toBe(true);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(3);
  });

  it('refuses to produce to a topic nobody created', async () => {
    const impatient = kafka.producer({ retry: { retries: 0 } });
    await impatient.connect();

    const sending = impatient.send({
      topic: uniqueName('never-created'),
      messages: [{ value: 'x' }],
      acks: -1,
    });

    await expect(sending).rejects.toThrow(
      /does not host this topic-partition|not present in metadata/,
    );
    await impatient.disconnect();
  });

  it('delivers keyed messages to a consumer group in per-key order', async () => {
    const topic = uniqueName('contract-order');
    await createTopic(topic, 3);
    const groupId = uniqueName('contract-group');
    const keys = Array.from({ length: 12 }, (_, i) => `aggregate-${i}`);
    const perKey = 100;
    const total = keys.length * perKey;
    // Two members share the partitions; both join before anything is produced, so no
    // rebalance happens mid-stream and every message is seen exactly once.
    const received: Received[] = [];
    const members = await Promise.all([
      joinGroup(topic, groupId, received),
      joinGroup(topic, groupId, received),
    ]);
    await waitFor(
      () =>
        members.every((m) => m.assigned().length > 0) &&
        members.flatMap((m) => m.assigned()).length === 3,
    );

    // Interleave keys so per-key order is not an accident of batching.
    for (let batch = 0; batch < perKey; batch += 10) {
      await producer.send({
        topic,
        acks: -1,
        messages: keys.flatMap((key) =>
          Array.from({ length: 10 }, (_, i) => ({ key, value: String(batch + i) })),
        ),
      });
    }
    await waitFor(() => received.length >= total);

    expect(received).toHaveLength(total);
    for (const key of keys) {
      const ofKey = received.filter((m) => m.key === key);
      expect(ofKey.map((m) => Number(m.value))).toEqual(
        Array.from({ length: perKey }, (_, i) => i),
      );
      // A key lives on exactly one partition.
      expect(new Set(ofKey.map((m) => m.partition)).size).toBe(1);
    }
  });

  it('looks up offsets by timestamp and rewinds a consumer group to them', async () => {
    const topic = uniqueName('contract-rewind');
    await createTopic(topic, 2);
    const t0 = Date.now() - 60_000;
    const message = (phase: string, i: number, timestamp: number) => ({
      key: `k${i % 4}`,
      value: `${phase}-${i}`,
      timestamp: String(timestamp),
    });
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: 20 }, (_, i) => message('before', i, t0)),
    });
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: 20 }, (_, i) => message('after', i, t0 + 30_000)),
    });
    const groupId = uniqueName('contract-rewind-group');
    const first = await consume(topic, groupId, (all) => all.length >= 40);
    await first.finished;
    await first.consumer.disconnect();

    const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, t0 + 15_000);
    await admin.setOffsets({
      groupId,
      topic,
      partitions: offsets.map(({ partition, offset }) => ({ partition, offset })),
    });
    const replay = await consume(topic, groupId, (all) => all.length >= 20, false);
    await replay.finished;

    expect(replay.received.map((m) => m.value).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `after-${i}`).sort(),
    );
  });
});

/** A group member that appends what it receives to `into`, and tells its current assignment. */
async function joinGroup(topic: string, groupId: string, into: Received[]) {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500 });
  consumers.push(consumer);
  let assignment: number[] = [];
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    assignment = payload.memberAssignment[topic] ?? [];
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message, partition }) => {
      into.push({ key: message.key!.toString(), value: message.value!.toString(), partition });
      return Promise.resolve();
    },
  });
  return { assigned: () => assignment };
}

async function waitFor(condition: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
