import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { CloudEvent } from '@cqrs/framework-kafka';
import { toKafkaMessage } from '@cqrs/framework-kafka';

/**
 * The baseline evp is measured beside: a raw kafkajs producer with evp's settings (idempotent,
 * acks = all, one request in flight, the murmur2 partitioner), sending CloudEvents it holds in
 * memory, encoded as evp encodes them, in batches as large as evp's (500). No change stream, no
 * checkpoint, no validation. Started by the bench as its own process (KAFKA_BROKERS, TOPIC);
 * prints `raw producer ready pid <pid>`, then for each line `<file>` on stdin (a JSON array of
 * CloudEvents) sends them all and prints `sent <count>`.
 */
async function main() {
  const kafka = new Kafka({
    clientId: 'bench-raw-producer',
    brokers: (process.env.KAFKA_BROKERS as string).split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const topic = process.env.TOPIC as string;
  console.log(`raw producer ready pid ${process.pid}`);
  for await (const file of createInterface({ input: process.stdin })) {
    const events = JSON.parse(readFileSync(file, 'utf8')) as CloudEvent[];
    for (let i = 0; i < events.length; i += 500) {
      await producer.send({
        topic,
        acks: -1,
        messages: events.slice(i, i + 500).map(toKafkaMessage),
      });
    }
    console.log(`sent ${events.length}`);
  }
  await producer.disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
