import type { Db } from 'mongodb';
import type { Logger, Metrics } from '@cqrs/framework-core';
import type { VersionedDocument } from '@cqrs/framework-command-handling';
import type { LastEventChange } from '@cqrs/framework-event-publishing';
import { lastEventPipeline, toCloudEvent } from '@cqrs/framework-event-publishing';
import type { ChangeStreamPolicies, ChangeStreamSubscriber } from '@cqrs/framework-mongo';
import { createChangeStreamSubscriber } from '@cqrs/framework-mongo';
import type { DeliveryStore, NewDelivery } from '../deliveries/delivery-store';
import { wantsType } from '../subscriptions/subscription';
import type { SubscriptionStore } from '../subscriptions/subscription-store';

export interface FanOutOptions {
  readonly db: Db;
  /** The write-model collection whose `lastEvent`s are the service's events. */
  readonly collection: string;
  /** CloudEvents `source`, e.g. `/customers`: the same events `evp` publishes to Kafka. */
  readonly source: string;
  /** Checkpoint name, shared by every replica. */
  readonly name: string;
  readonly subscriptions: SubscriptionStore;
  readonly deliveries: DeliveryStore;
  readonly maxBatch: number;
  readonly logger: Logger;
  readonly metrics: Pick<Metrics, 'changeStreamLag'>;
  /** Told how many deliveries a batch created (the dispatcher wakes up). */
  readonly onEnqueued: (count: number) => void;
  /** What to do with a lost position, how often to save a quiet stream's; defaults otherwise. */
  readonly policies?: ChangeStreamPolicies;
}

/**
 * The write model's change stream -> one delivery per event and matching active subscription,
 * stored before the checkpoint moves: a crash between the event and its deliveries replays the
 * batch, and the deterministic delivery ids make the replay create nothing twice.
 */
export function createFanOut(options: FanOutOptions): ChangeStreamSubscriber {
  const subscriber = createChangeStreamSubscriber<Pick<VersionedDocument, 'lastEvent'>>({
    db: options.db,
    collection: options.collection,
    name: options.name,
    pipeline: lastEventPipeline,
    maxBatch: options.maxBatch,
    logger: options.logger.child({ module: 'webhook-fan-out' }),
    handle: async (batch: LastEventChange[]) => {
      const subscriptions = await options.subscriptions.active();
      if (subscriptions.length === 0) return;
      const deliveries: NewDelivery[] = [];
      for (const change of batch) {
        const event = toCloudEvent(change.fullDocument.lastEvent, options.source);
        const payload = JSON.stringify(event);
        for (const subscription of subscriptions) {
          if (!wantsType(subscription, event.type)) continue;
          deliveries.push({
            subscriptionId: subscription._id,
            eventId: event.id,
            eventType: event.type,
            payload,
          });
        }
      }
      const created = await options.deliveries.enqueue(deliveries, new Date());
      if (created > 0) options.onEnqueued(created);
    },
    ...options.policies,
  });
  options.metrics.changeStreamLag.track(options.name, () => subscriber.caughtUpTo());
  return subscriber;
}
