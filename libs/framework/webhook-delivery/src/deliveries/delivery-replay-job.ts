import type { JobKind } from '@cqrs/framework-jobs';
import { capWindowAt } from '@cqrs/framework-jobs';
import type { DeliveryReplayFilter } from '../api/dead-delivery-schemas';
import type { SubscriptionStore } from '../subscriptions/subscription-store';
import type { DeadDeliveryMetrics } from '../dispatcher/dead-delivery-metrics';
import type { DeliveryDocument } from './delivery';
import type { DeliveryStore } from './delivery-store';
import { deadDeliveryQuery } from './dead-delivery-query';

/** How replaying one failed delivery in bulk ends. */
export const deliveryReplayOutcomes = ['replayed', 'stillFailing', 'skipped'] as const;

export type DeliveryReplayOutcome = (typeof deliveryReplayOutcomes)[number];

export interface DeliveryReplayJobOptions {
  readonly deliveries: Pick<DeliveryStore, 'deliveries' | 'requeueFailed'>;
  readonly subscriptions: Pick<SubscriptionStore, 'findMany'>;
  readonly metrics: Pick<DeadDeliveryMetrics, 'replayed'>;
  /** Called when a delivery became due (the dispatcher wakes up). */
  readonly onDue: () => void;
  readonly now?: () => Date;
}

/**
 * The bulk replay of failed deliveries, a job kind for the framework's job runner: the deliveries
 * failed when the job started that match its filter, oldest failure first. Each is made due again
 * with a fresh attempt budget (`replayed`; the dispatchers send it) unless its subscription is
 * disabled or deleted, where an attempt could only fail again (`stillFailing`, left failed). A
 * replayed delivery is pending and leaves the filter, so a job resumed elsewhere, or started
 * again, sends none twice.
 */
export function deliveryReplayJob(
  options: DeliveryReplayJobOptions,
): JobKind<DeliveryReplayFilter, DeliveryDocument, DeliveryReplayOutcome> {
  const now = options.now ?? (() => new Date());
  return {
    kind: 'webhook-delivery-replay',
    outcomes: deliveryReplayOutcomes,
    collection: options.deliveries.deliveries,
    order: [
      { field: 'failedAt', direction: 1 },
      { field: '_id', direction: 1 },
    ],
    filter: (params, asOf) => deadDeliveryQuery({ ...capWindowAt(params, asOf), status: 'failed' }),
    handle: async (delivery) => {
      const found = await options.subscriptions.findMany([delivery.subscriptionId]);
      if (found.get(delivery.subscriptionId)?.status !== 'active') return 'stillFailing';
      const requeued = await options.deliveries.requeueFailed(delivery._id, now());
      if (requeued === null) return 'skipped';
      options.metrics.replayed.inc({ reason: delivery.failure?.reason ?? 'attempts_exhausted' });
      options.onDue();
      return 'replayed';
    },
  };
}
