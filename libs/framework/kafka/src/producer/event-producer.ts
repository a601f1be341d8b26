import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { AppError } from '@cqrs/framework-core';
import type { Kafka, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import type { Logger } from 'pino';
import type { CloudEvent } from '../cloud-events/cloud-event';
import { cloudEventSchema } from '../cloud-events/cloud-event';
import { toKafkaMessage } from '../cloud-events/kafka-codec';
import type { ChunkLimits } from './chunk-messages';
import { chunkMessages, defaultChunkLimits } from './chunk-messages';
import { startPublishSpans } from './publish-spans';

export interface EventProducerOptions {
  readonly kafka: Kafka;
  readonly logger: Logger;
  /** Called after the broker acknowledged `count` events on `topic` (metrics). */
  readonly onPublished?: (topic: string, count: number) => void;
  readonly chunkLimits?: ChunkLimits;
}

/** Publishes CloudEvents to Kafka, each aggregate's events in order. */
export interface EventProducer {
  connect(): Promise<void>;
  /**
   * Resolves once every event is acknowledged by all in-sync replicas. Fails with
   * `AppError('unavailable')` (retriable) if the broker could not be reached in time; some
   * events may then have been written, so the caller republishes all (consumers dedupe by id).
   */
  publish(topic: string, events: readonly CloudEvent[]): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * An idempotent producer (acks = all, one request in flight, the Java-compatible murmur2
 * partitioner) keyed by subject, so each aggregate's events land in one partition in order and
 * broker-side retries never duplicate or reorder them. Many events go out in few requests.
 *
 * After a failed publish the producer is replaced: the idempotent producer's sequence numbers
 * are unknown after a failure, and a fresh producer id is the safe way to start over.
 */
export function createEventProducer(options: EventProducerOptions): EventProducer {
  const { kafka, onPublished, chunkLimits = defaultChunkLimits } = options;
  const log = options.logger.child({ module: 'event-producer' });
  const newProducer = (): Producer =>
    kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // Bounded, so a dead cluster fails the publish (and the caller backs off) instead of
      // retrying forever; kafkajs warns that this weakens exactly-once, which we do not claim.
      retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
  let producer = newProducer();
  let connected: Promise<void> | undefined;

  // One connect shared by concurrent callers; forgotten on failure so the next call retries.
  const connect = () =>
    (connected ??= producer.connect().catch((error: unknown) => {
      connected = undefined;
      throw error;
    }));

  return {
    connect,
    async publish(topic, events) {
      if (events.length === 0) return;
      const invalid = events.findIndex((event) => !cloudEventSchema.safeParse(event).success);
      if (invalid >= 0) {
        throw new AppError('internal', `event ${invalid} to ${topic} is not a valid CloudEvent`);
      }
      const spans = startPublishSpans(topic, events);
      try {
        await connect();
        const messages = spans.events.map(toKafkaMessage);
        // Each event has its producer span already, in its flow's trace; kafkajs' instrumentation
        // would add one per message as the root of a trace of its own, and overwrite the headers.
        await context.with(suppressTracing(context.active()), async () => {
          for (const chunk of chunkMessages(messages, chunkLimits)) {
            await producer.send({ topic, acks: -1, messages: chunk });
          }
        });
        spans.end();
      } catch (error) {
        spans.end(error);
        log.error({ err: error, topic, count: events.length }, 'publish failed');
        const failed = producer;
        producer = newProducer();
        connected = undefined;
        await failed.disconnect().catch(() => undefined);
        throw new AppError('unavailable', `could not publish to ${topic}`, {
          retriable: true,
          cause: error,
          details: { topic },
        });
      }
      onPublished?.(topic, events.length);
    },
    async disconnect() {
      connected = undefined;
      await producer.disconnect();
    },
  };
}
