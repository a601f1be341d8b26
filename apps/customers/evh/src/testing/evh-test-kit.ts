import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import type { Producer } from 'kafkajs';
import { Kafka, logLevel } from 'kafkajs';
import type { CloudEvent } from '@cqrs/framework-kafka';
import { formatSequence, toKafkaMessage } from '@cqrs/framework-kafka';

// Jest global setup points these at the running engine and broker.
export const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';
export const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

/** Polls `condition` until it holds; fails naming `what` after `ms`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  ms = 60_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/**
 * Listens on `port` in place of a stopped app, cutting every connection at once (the caller
 * sees a network error) and counting them: proof that someone keeps trying.
 */
export function connectionCutter(port: number) {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.destroy();
  });
  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    listening,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const root = path.resolve(__dirname, '../../../../..');

/** A real app of this repository, run as its own process with `env`. */
export function spawnApp(main: string, env: Record<string, string>) {
  let child: ChildProcess = start();
  function start(): ChildProcess {
    return spawn(process.execPath, ['--import', 'tsx', main], {
      cwd: root,
      env: { ...process.env, ...env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.base.json') },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const url = `http://127.0.0.1:${env.PORT}`;
  const ready = () =>
    waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`${main} exited with ${child.exitCode}`);
        const answer = await fetch(`${url}/readyz`).catch(() => undefined);
        return answer?.status === 200;
      },
      `${main} is ready`,
      90_000,
    );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  };
  return {
    url,
    ready,
    stop,
    /** Starts it again (same environment, same port) after `stop`. */
    restart: async () => {
      await stop();
      child = start();
      await ready();
    },
  };
}

export type SpawnedApp = ReturnType<typeof spawnApp>;

export const testKafka = () =>
  new Kafka({ clientId: 'evh-spec', brokers: brokers.split(','), logLevel: logLevel.NOTHING });

/** Creates `topic` with one partition, so every message of a test is handled in order. */
export async function createTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/** A connected producer writing CloudEvents (structured JSON) and raw messages to `topic`. */
export async function eventWriter(kafka: Kafka, topic: string) {
  const producer: Producer = kafka.producer();
  await producer.connect();
  return {
    send: async (...events: CloudEvent[]) => {
      await producer.send({ topic, messages: events.map(toKafkaMessage) });
    },
    sendRaw: async (key: string, value: string) => {
      await producer.send({ topic, messages: [{ key, value }] });
    },
    close: () => producer.disconnect(),
  };
}

/** A CloudEvent as another service's `evp` publishes it. */
export function cloudEvent(
  source: string,
  type: string,
  subject: string,
  data: Record<string, unknown>,
  version = 1,
): CloudEvent {
  return {
    specversion: '1.0',
    id: `${subject}:${version}:${randomUUID()}`,
    source,
    type,
    subject,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data,
    correlationid: `corr-${randomUUID()}`,
    sequence: formatSequence(version),
  };
}
