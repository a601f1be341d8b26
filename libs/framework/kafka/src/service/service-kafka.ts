import type { Kafka } from 'kafkajs';
import { z } from 'zod';
import type { BaseConfig, ServiceRuntime } from '@cqrs/framework-core';
import { createKafka } from '../client/create-kafka';
import type { EventProducer } from '../producer/event-producer';
import { createEventProducer } from '../producer/event-producer';

/** The Kafka settings of an app, to spread into its config schema. */
export const kafkaConfigShape = {
  /** Comma-separated `host:port` list. */
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .transform((brokers) => brokers.split(',').map((broker) => broker.trim())),
};

export type KafkaConfig = { readonly KAFKA_BROKERS: readonly string[] };

/** The app's kafkajs client, named after the app (brokers log and quota by client id). */
export const createServiceKafka = (runtime: ServiceRuntime<BaseConfig & KafkaConfig>): Kafka =>
  createKafka({
    clientId: runtime.config.SERVICE_NAME,
    brokers: runtime.config.KAFKA_BROKERS,
    logger: runtime.logger,
  });

/** A connected producer that counts acknowledged events and disconnects on shutdown. */
export async function connectServiceProducer(
  runtime: ServiceRuntime<BaseConfig>,
  kafka: Kafka,
): Promise<EventProducer> {
  const { logger, metrics, lifecycle } = runtime;
  const producer = createEventProducer({
    kafka,
    logger,
    onPublished: (topic, count) => metrics.kafkaPublished.inc({ topic }, count),
  });
  await producer.connect();
  lifecycle.onStop('kafka producer', () => producer.disconnect());
  return producer;
}
