import type { Consumer, IHeaders, Kafka } from 'kafkajs';
import pino from 'pino';
import { testKafkaBrokers, uniqueName } from '@cqrs/framework-core/testing';
import { createKafka } from '../client/create-kafka';

export { uniqueName, waitUntil } from '@cqrs/framework-core/testing';

export const silentLogger = pino({ level: 'silent' });

/** A client of the test brokers for one test file; logs nothing. */
export const testKafka = (clientId = 'framework-kafka-test'): Kafka =>
  createKafka({ clientId, brokers: testKafkaBrokers.split(','), logger: silentLogger });

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
  const consumer = kafka.consumer({
    groupId: uniqueName('test-group'),
    heartbeatInterval: 500,
    sessionTimeout: 10_000,
  });
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
