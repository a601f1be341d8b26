import { existsSync, renameSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import type { InfraConfig } from './config';
import { parseInfraConfig } from './config';
import { components, down, stateOf, up } from './infra';
import { reset } from './reset';

/**
 * `up`, `down` and `reset` keep Kafka's and the engine's state together, on a pair of their own
 * (free ports, a temporary data dir; the jar cache of the test run), so nothing here touches the
 * pair the other tests use.
 */
let dataDir: string;
let persisted: InfraConfig;
let inMemory: InfraConfig;
const quiet = () => undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'infra-persistence-'));
  const [kafkaPort, controllerPort, mongoPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const env = {
    INFRA_DATA_DIR: dataDir,
    KAFKA_PORT: String(kafkaPort),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    MONGO_PORT: String(mongoPort),
    KAFKA_HEAP: '-Xms256m -Xmx512m',
    MONGO_HEAP: '-Xms128m -Xmx512m',
  };
  const { cacheDir } = parseInfraConfig();
  persisted = { ...parseInfraConfig({ ...env, MONGO_PERSIST: 'true' }), cacheDir };
  inMemory = { ...parseInfraConfig({ ...env, MONGO_PERSIST: 'false' }), cacheDir };
});

afterAll(async () => {
  await down(inMemory, quiet);
  await down(persisted, quiet);
  await rm(dataDir, { recursive: true, force: true });
});

const customerId = 'c-1';
const topic = 'customers.events.v1';

/** What a user would look at: the aggregate in the engine, its topic and event in Kafka. */
async function look(config: InfraConfig) {
  const client = new MongoClient(config.mongo.url);
  const kafka = new Kafka({
    clientId: 'persistence-spec',
    brokers: [config.kafka.brokers],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const customer = await client
      .db('customers')
      .collection('customers')
      .findOne({ _id: customerId as never });
    const topics = await admin.listTopics();
    const offsets = topics.includes(topic) ? await admin.fetchTopicOffsets(topic) : [];
    return {
      customer,
      hasTopic: topics.includes(topic),
      events: offsets.reduce((n, o) => n + Number(o.high), 0),
    };
  } finally {
    await Promise.all([client.close(), admin.disconnect()]);
  }
}

/** Registers one customer: its document in the engine, its event on its topic. */
async function register(config: InfraConfig) {
  const client = new MongoClient(config.mongo.url);
  const kafka = new Kafka({
    clientId: 'persistence-spec',
    brokers: [config.kafka.brokers],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  const producer = kafka.producer();
  try {
    await client
      .db('customers')
      .collection('customers')
      .insertOne({ _id: customerId as never, name: 'Ada', version: 1 });
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic, numPartitions: 1 }],
      waitForLeaders: true,
      timeout: 30_000,
    });
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: [{ key: customerId, value: 'customer.registered.v1' }],
    });
  } finally {
    await Promise.all([client.close(), admin.disconnect(), producer.disconnect()]);
  }
}

describe('the local pair', () => {
  it('keeps an aggregate and its topic across a restart, and refuses an in-memory engine next to them', async () => {
    await up(persisted, quiet);
    await register(persisted);
    await down(persisted, quiet);

    await up(persisted, quiet);
    expect(await look(persisted)).toEqual({
      customer: { _id: customerId, name: 'Ada', version: 1 },
      hasTopic: true,
      events: 1,
    });
    await expect(up(inMemory, quiet)).rejects.toThrow(/MONGO_PERSIST=false.*npm run infra:down/s);
    await expect(reset(persisted, quiet)).rejects.toThrow(/still running.*npm run infra:down/s);
    await down(persisted, quiet);
  }, 120_000);

  it('runs an in-memory engine with throwaway Kafka logs apart, leaving the persisted pair as it was', async () => {
    await up(inMemory, quiet);
    expect(await look(inMemory)).toEqual({ customer: null, hasTopic: false, events: 0 });
    await down(inMemory, quiet);

    expect(existsSync(persisted.mongo.file)).toBe(true);
    expect(existsSync(path.join(persisted.kafka.dir, 'data', 'meta.properties'))).toBe(true);
  }, 120_000);

  it('refuses Kafka topics next to an engine without data (as before MONGO_PERSIST defaulted to true)', async () => {
    const engineFile = `${persisted.mongo.file}.kept`;
    renameSync(persisted.mongo.file, engineFile);

    await expect(up(persisted, quiet)).rejects.toThrow(/Kafka has topics.*npm run infra:reset/s);
    for (const c of components) expect(await stateOf(persisted, c)).toEqual({ state: 'stopped' });
    renameSync(engineFile, persisted.mongo.file);
  });

  it('wipes both together on reset: the aggregate and its topic are gone', async () => {
    expect(await reset(persisted, quiet)).toHaveLength(3);

    await up(persisted, quiet);
    expect(await look(persisted)).toEqual({ customer: null, hasTopic: false, events: 0 });
    await down(persisted, quiet);
  }, 120_000);

  it('stops the half it started when the other fails to start, leaving no half pair running', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) =>
      blocker.listen(persisted.kafka.controllerPort, persisted.kafka.host, resolve),
    );
    try {
      await expect(up(persisted, quiet)).rejects.toThrow(/exited during start-up/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    for (const c of components) expect(await stateOf(persisted, c)).toEqual({ state: 'stopped' });
  }, 120_000);
});
