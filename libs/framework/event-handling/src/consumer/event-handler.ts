import { awaitTopic } from './await-topic';
import type { Consumer, ConsumerConfig, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger, Metrics } from '@cqrs/framework-core';
import type { CommandClient } from '@cqrs/framework-command-client';
import type { ParkedEvent, RawMessage } from '../parking/parked-event';
import { rawMessageOf } from '../parking/parked-event';
import type { ParkedEventStore } from '../parking/parked-event-store';
import type { Pipeline, Verdict } from '../pipeline/handle-message';
import { handleMessage } from '../pipeline/handle-message';
import type { RetryPolicy } from '../retry/retry-policy';
import { defaultRetryPolicy } from '../retry/retry-policy';
import type { EventRoutes } from '../routing/event-routes';
import type { EventOutcome } from './event-handler-metrics';
import { eventHandlerMetrics } from './event-handler-metrics';
import { parkRequest, replayParkedEvent } from './replay-parked-event';

export interface EventHandlerOptions {
  readonly kafka: Kafka;
  /** Shared by every replica of the `evh`, e.g. `orders-evh`. */
  readonly groupId: string;
  /** The other service's public topic, e.g. `customers.events.v1`. */
  readonly topic: string;
  readonly routes: EventRoutes;
  readonly client: CommandClient;
  readonly parked: ParkedEventStore;
  readonly logger: Logger;
  readonly metrics: Pick<Metrics, 'registry'>;
  /** Retry budget per command; {@link defaultRetryPolicy} when absent. */
  readonly retry?: RetryPolicy;
  /** How long `start` waits for the topic to be created by its publisher (default 2 min). */
  readonly topicWaitMs?: number;
  /** Where a group without committed offsets starts: the oldest event (default) or new ones. */
  readonly fromBeginning?: boolean;
  /** Partitions handled at once (each still in order); default 1. */
  readonly partitionsConsumedConcurrently?: number;
  /** Resolved offsets are committed at least this often within a batch; default 5 s. */
  readonly commitIntervalMs?: number;
  /** Further kafkajs consumer settings (session timeout, heartbeat interval, ...). */
  readonly consumer?: Omit<ConsumerConfig, 'groupId'>;
  readonly now?: () => Date;
  /** Jitter source in [0, 1); tests fix it. */
  readonly random?: () => number;
}

/** The `evh` consumer of one topic, plus replay of what it parked. */
export interface EventHandler {
  /** Joins the group and starts consuming; resolves once the consumer runs. */
  start(): Promise<void>;
  /**
   * Stops taking messages, cuts any retry wait short and leaves the group. A message whose
   * retries were interrupted is neither acknowledged nor parked: it comes again.
   */
  stop(): Promise<void>;
  /** True between `start` and `stop`, unless the consumer crashed for good. */
  isRunning(): boolean;
  /**
   * Runs a parked event through the pipeline once more (one attempt, no Kafka). Success marks
   * it replayed; a replayed event is returned as it is, without sending anything again.
   * @throws AppError `not_found`; `unavailable` (retriable) when the target still fails;
   *   `rule_violated` when the event is refused or invalid again (it stays parked, new reason);
   *   `conflict` (reason `parked_event_discarded`) for a discarded event.
   */
  replayParkedEvent(id: string): Promise<ParkedEvent>;
}

/**
 * The `evh` pipeline (DESIGN section 5) on a Kafka consumer group: each message, in partition
 * order, is decoded, routed, validated, mapped to commands and sent to `cmdh`, retrying
 * transient failures with backoff while heartbeating. What cannot be handled (undecodable,
 * invalid, refused, or failing past the retry budget) is parked in MongoDB, and the partition
 * moves on: ordering is traded for progress. An offset is resolved and committed only once its
 * message was handled, ignored or parked, so a crash or a stop redelivers the rest
 * (at-least-once; the derived Idempotency-Keys make redelivery harmless).
 */
export function createEventHandler(options: EventHandlerOptions): EventHandler {
  const { topic, groupId, parked } = options;
  const logger = options.logger.child({ module: 'event-handler', topic, groupId });
  const metrics = eventHandlerMetrics(options.metrics.registry);
  const retry = options.retry ?? defaultRetryPolicy;
  const now = options.now ?? (() => new Date());
  const pipeline: Pipeline = { routes: options.routes, client: options.client, logger };
  let consumer: Consumer | undefined;
  let stopping: AbortController | undefined;
  let running = false;

  async function park(message: RawMessage, verdict: Extract<Verdict, { kind: 'failed' }>) {
    await parked.park(parkRequest(verdict.id, message, verdict, now()));
    metrics.parked.inc({ topic, reason: verdict.reason.code });
    logger.warn(
      {
        eventId: verdict.id,
        type: verdict.type,
        partition: message.partition,
        offset: message.offset,
        reason: verdict.reason,
      },
      'event parked',
    );
  }

  async function eachBatch(payload: EachBatchPayload, signal: AbortSignal): Promise<void> {
    const { batch } = payload;
    const heartbeat = () => payload.heartbeat();
    for (const message of batch.messages) {
      if (!payload.isRunning() || payload.isStale() || signal.aborted) return;
      const started = performance.now();
      const raw = rawMessageOf(batch.topic, batch.partition, message);
      const control = {
        retry,
        heartbeat,
        signal,
        ...(options.random && { random: options.random }),
      };
      const verdict = await handleMessage(pipeline, raw, control);
      if (verdict.kind === 'stopped') return;
      if (verdict.kind === 'failed') await park(raw, verdict);
      const outcome: EventOutcome = verdict.kind === 'failed' ? 'parked' : verdict.kind;
      metrics.events.inc({ topic, type: typeLabel(options.routes, verdict), outcome });
      metrics.duration.observe({ topic, outcome }, (performance.now() - started) / 1000);
      if (verdict.kind === 'ignored') {
        logger.debug({ eventId: verdict.id, type: verdict.type }, 'event type not routed; ignored');
      }
      payload.resolveOffset(message.offset);
      const lag = Number(batch.highWatermark) - Number(message.offset) - 1;
      metrics.lag.set({ topic, partition: batch.partition }, Math.max(0, lag));
      await payload.commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  async function start(): Promise<void> {
    if (consumer !== undefined) return;
    const abort = new AbortController();
    const created = options.kafka.consumer({ ...options.consumer, groupId });
    consumer = created;
    stopping = abort;
    created.on(created.events.CRASH, ({ payload }) => {
      logger.error({ err: payload.error, restart: payload.restart }, 'event consumer crashed');
      if (!payload.restart) running = false;
    });
    try {
      await awaitTopic(options.kafka, topic, {
        logger,
        timeoutMs: options.topicWaitMs ?? 120_000,
        signal: abort.signal,
      });
      await created.connect();
      await created.subscribe({ topic, fromBeginning: options.fromBeginning ?? true });
      await created.run({
        eachBatchAutoResolve: false,
        autoCommitInterval: options.commitIntervalMs ?? 5_000,
        partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
        eachBatch: (payload) => eachBatch(payload, abort.signal),
      });
    } catch (error) {
      consumer = undefined;
      await created.disconnect().catch(() => undefined);
      throw error;
    }
    running = true;
    logger.info('event handler started');
  }

  async function stop(): Promise<void> {
    const current = consumer;
    if (current === undefined) return;
    running = false;
    stopping?.abort();
    consumer = undefined;
    await current.disconnect();
    logger.info('event handler stopped');
  }

  return {
    start,
    stop,
    isRunning: () => running,
    replayParkedEvent: (id) =>
      replayParkedEvent(
        {
          pipeline,
          parked,
          retry,
          now,
          logger,
          onReplayed: (event) => metrics.replayed.inc({ reason: event.reason.code }),
        },
        id,
      ),
  };
}

/** Routed types by name; anything else in two buckets, so producers cannot add series. */
function typeLabel(routes: EventRoutes, verdict: Exclude<Verdict, { kind: 'stopped' }>): string {
  if (verdict.type === undefined) return 'undecodable';
  return Object.hasOwn(routes, verdict.type) ? verdict.type : 'unrouted';
}
