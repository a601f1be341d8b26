import type { KafkaConfig } from 'kafkajs';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { kafkaLogLevelFor, pinoLogCreator } from './pino-log-creator';
import { fixRequestQueueIdleLoop } from './request-queue-idle-fix';

export interface CreateKafkaOptions {
  /** The deployable's name, e.g. `customers-evp`: brokers log and quota by it. */
  readonly clientId: string;
  /** `host:port` of one or more brokers; the client discovers the rest. */
  readonly brokers: readonly string[];
  readonly logger: Logger;
  /** TLS / SASL and other overrides for production clusters. */
  readonly config?: Omit<KafkaConfig, 'clientId' | 'brokers' | 'logCreator' | 'logLevel'>;
}

/**
 * A kafkajs client whose logs go through `logger` and whose retries suit a service: requests
 * are retried with exponential backoff for about a minute (a broker restart or leader election)
 * before an operation fails and the caller's own retry/backoff takes over.
 * Creating it does no I/O; producers, consumers and admins connect when asked. An idle
 * connection does not spin (see `fixRequestQueueIdleLoop`).
 */
export function createKafka(options: CreateKafkaOptions): Kafka {
  fixRequestQueueIdleLoop();
  const logger = options.logger.child({ module: 'kafka' });
  return new Kafka({
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 300, maxRetryTime: 30_000, retries: 8 },
    ...options.config,
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: kafkaLogLevelFor(logger),
    logCreator: pinoLogCreator(logger),
  });
}
