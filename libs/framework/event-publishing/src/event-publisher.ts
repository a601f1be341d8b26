import type { Db } from 'mongodb';
import type { Logger, Metrics } from '@cqrs/framework-core';
import type { VersionedDocument } from '@cqrs/framework-command-handling';
import type { EventProducer } from '@cqrs/framework-kafka';
import type { ChangeStreamPolicies, ChangeStreamSubscriber } from '@cqrs/framework-mongo';
import { createChangeStreamSubscriber } from '@cqrs/framework-mongo';
import { lastEventPipeline, type LastEventChange } from './last-event-pipeline';
import { toCloudEvent } from './to-cloud-event';

export interface EventPublisherOptions {
  readonly db: Db;
  /** The write-model collection whose `lastEvent`s are the service's events. */
  readonly collection: string;
  readonly topic: string;
  /** CloudEvents `source`, e.g. `/customers`. */
  readonly source: string;
  readonly producer: EventProducer;
  /** Checkpoint name; every replica of the `evp` shares it. */
  readonly name: string;
  readonly logger: Logger;
  readonly metrics: Pick<Metrics, 'changeStreamLag'>;
  readonly maxBatch?: number;
  /** What to do with a lost position, how often to save a quiet stream's; defaults otherwise. */
  readonly policies?: ChangeStreamPolicies;
}

/**
 * The `evp` pipeline: the write model's change stream -> each write's `lastEvent` as a
 * CloudEvent -> Kafka, keyed by aggregate id. The subscriber checkpoints a batch only after
 * `publish` resolved, i.e. after the broker acknowledged every event of it; a crash in between
 * publishes the batch again (at-least-once; consumers dedupe by event id), never skips it.
 */
export function createEventPublisher(options: EventPublisherOptions): ChangeStreamSubscriber {
  const subscriber = createChangeStreamSubscriber<Pick<VersionedDocument, 'lastEvent'>>({
    db: options.db,
    collection: options.collection,
    name: options.name,
    pipeline: lastEventPipeline,
    maxBatch: options.maxBatch ?? 500,
    logger: options.logger.child({ module: 'event-publisher' }),
    handle: async (batch: LastEventChange[]) => {
      const events = batch.map((change) =>
        toCloudEvent(change.fullDocument.lastEvent, options.source),
      );
      await options.producer.publish(options.topic, events);
    },
    ...options.policies,
  });
  options.metrics.changeStreamLag.track(options.name, () => subscriber.caughtUpTo());
  return subscriber;
}
