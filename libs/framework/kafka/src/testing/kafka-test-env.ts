import { randomBytes } from 'node:crypto';
import type { Consumer, IHeaders, Kafka } from 'kafkajs';
import pino from 'pino';
import { createKafka } from '../client/create-kafka';

// Jest global setup points KAFKA_BROKERS at the running broker (or an external cluster).
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

export const silentLogger = pino({ level: 'silent' });

/** A client for one test file; logs nothing. */
export const testKafka = (): Kafka =>
  createKafka({ clientId: 'framework-kafka-test', brokers, logger: silentLogger });

/** A topic or group name no other test (or earlier run) uses. */
export const uniqueName = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

export interface Received {
  key: string;
  value: string;
  headers: Record<string, string>;
  partition: number;
}

/** Reads `topic` from the beginning in a fresh group, collecting every message. */
export async function collect(
  kafka: Kafka,
  topic: string,
): Promise<{
  consumer: Consumer;
  received: Received[];
}> {
  const consumer = kafka.consumer({ groupId: uniqueName('test-group'), heartbeatInterval: 500 });
  const received: Received[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message, partition }) => {
      received.push({
        key: message.key?.toString() ?? '',
        value: message.value?.toString() ?? '',
        headers: texts(message.headers),
        partition,
      });
      return Promise.resolve();
    },
  });
  return { consumer, received };
}

const texts = (headers: IHeaders = {}): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));

/** Polls `condition` until it holds; fails with `what` after a generous `timeoutMs`. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
