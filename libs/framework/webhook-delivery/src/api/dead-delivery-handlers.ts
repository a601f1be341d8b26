import type { BoundRoute } from '@cqrs/framework-core';
import { AppError, bindRoute } from '@cqrs/framework-core';
import type { JobRunner } from '@cqrs/framework-jobs';
import { jobHandlers, toGroupResource } from '@cqrs/framework-jobs';
import type { DeliveryStore } from '../deliveries/delivery-store';
import { deliveryReplayOutcomes } from '../deliveries/delivery-replay-job';
import type { DeadDeliveryMetrics } from '../dispatcher/dead-delivery-metrics';
import type { DeliveryReplayFilter } from './dead-delivery-schemas';
import type { WebhookSubscriptionRoutes } from './subscription-routes';
import { toDeliveryResource } from './subscription-schemas';

export interface DeadDeliveryHandlerOptions {
  readonly deliveries: Pick<DeliveryStore, 'listDead' | 'deadGroups' | 'discard'>;
  /** Runs the bulk replays (`deliveryReplayJob`). */
  readonly replays: JobRunner<DeliveryReplayFilter>;
  readonly metrics: Pick<DeadDeliveryMetrics, 'discarded'>;
  readonly now?: () => Date;
}

/** The handlers of the operators' dead-delivery routes (see `deadDeliveryRoutes`). */
export function deadDeliveryHandlers(
  routes: WebhookSubscriptionRoutes,
  options: DeadDeliveryHandlerOptions,
): BoundRoute[] {
  const { deliveries } = options;
  const now = options.now ?? (() => new Date());
  return [
    bindRoute(routes.listDead, async ({ query }) => {
      const { limit, cursor, ...filter } = query;
      const page = await deliveries.listDead(filter, {
        limit,
        ...(cursor === undefined ? {} : { cursor }),
      });
      return {
        status: 200,
        body: { items: page.items.map(toDeliveryResource), nextCursor: page.nextCursor },
      };
    }),
    bindRoute(routes.groupDead, async ({ query }) => ({
      status: 200,
      body: { items: (await deliveries.deadGroups(query)).map(toGroupResource) },
    })),
    bindRoute(routes.discardDelivery, async ({ params, body, actor, log }) => {
      const at = now();
      const result = await deliveries.discard(params.deliveryId, {
        by: actor.sub,
        reason: body.reason,
        at,
      });
      if (result === null) {
        throw new AppError('not_found', `No delivery ${params.deliveryId}`, {
          details: { reason: 'delivery_not_found' },
        });
      }
      const { delivery, changed } = result;
      if (delivery.status !== 'discarded') {
        throw new AppError('conflict', `The delivery is ${delivery.status}, not failed`, {
          details: { reason: 'delivery_not_failed', status: delivery.status },
        });
      }
      if (changed) {
        options.metrics.discarded.inc({ reason: delivery.failure?.reason ?? 'attempts_exhausted' });
        log.info({ deliveryId: delivery._id, operator: actor.sub }, 'delivery discarded');
      }
      return { status: 200, body: toDeliveryResource(delivery) };
    }),
    ...jobHandlers(
      { start: routes.startBulkReplay, get: routes.getBulkReplay, cancel: routes.cancelBulkReplay },
      options.replays,
      deliveryReplayOutcomes,
    ),
  ];
}
