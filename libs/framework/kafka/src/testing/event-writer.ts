import type { Kafka } from 'kafkajs';
import type { CloudEvent } from '../cloud-events/cloud-event';
import { toKafkaMessage } from '../cloud-events/kafka-codec';

/** Writes to one topic, as another service's `evp` would (or as a broken producer would). */
export interface EventWriter {
  /** The events as structured CloudEvents, keyed by subject. */
  readonly send: (...events: CloudEvent[]) => Promise<void>;
  /** One raw message: for poison messages and events that are no CloudEvents. */
  readonly sendRaw: (key: string, value: string) => Promise<void>;
  readonly close: () => Promise<void>;
}

/** A connected producer writing to `topic`. */
export async function eventWriter(kafka: Kafka, topic: string): Promise<EventWriter> {
  const producer = kafka.producer();
  await producer.connect();
  return {
    send: async (...events) => {
      await producer.send({ topic, messages: events.map(toKafkaMessage) });
    },
    sendRaw: async (key, value) => {
      await producer.send({ topic, messages: [{ key, value }] });
    },
    close: () => producer.disconnect(),
  };
}
