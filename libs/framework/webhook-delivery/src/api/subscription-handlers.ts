import { randomUUID } from 'node:crypto';
import type { BoundRoute } from '@cqrs/framework-core';
import { AppError, bindRoute } from '@cqrs/framework-core';
import type { DeliveryStore } from '../deliveries/delivery-store';
import type { DeadDeliveryMetrics } from '../dispatcher/dead-delivery-metrics';
import type { TargetPolicy } from '../ssrf/target-guard';
import { checkTarget } from '../ssrf/target-guard';
import type { SubscriptionStore } from '../subscriptions/subscription-store';
import type { WebhookSubscriptionRoutes } from './subscription-routes';
import {
  toAttemptResource,
  toDeliveryResource,
  toSubscriptionResource,
} from './subscription-schemas';

export interface SubscriptionHandlerOptions {
  readonly subscriptions: SubscriptionStore;
  readonly deliveries: DeliveryStore;
  readonly targets: TargetPolicy;
  /** CloudEvents `source` of the service, for test pings. */
  readonly source: string;
  /** Default grace period of a rotated secret. */
  readonly rotationGraceMs: number;
  /** Called when deliveries became due (the dispatcher wakes up). */
  readonly onDue: () => void;
  /** Counts the failed deliveries replayed one by one (`webhook_deliveries_replayed_total`). */
  readonly metrics?: Pick<DeadDeliveryMetrics, 'replayed'>;
  readonly now?: () => Date;
}

/** Refuses a URL the dispatcher would refuse: checked at registration, again at every attempt. */
async function acceptedUrl(url: string, targets: TargetPolicy): Promise<string> {
  const check = await checkTarget(url, targets);
  if (!check.ok) {
    throw new AppError('rule_violated', `The URL is refused: ${check.detail}`, {
      details: { reason: 'target_refused', refusal: check.reason },
    });
  }
  return check.url.toString();
}

/** The handlers of a service's subscription routes. */
export function subscriptionHandlers(
  routes: WebhookSubscriptionRoutes,
  options: SubscriptionHandlerOptions,
): BoundRoute[] {
  const { subscriptions, deliveries, targets } = options;
  const now = options.now ?? (() => new Date());

  const detail = async (subscriptionId: string, deliveryId: string) => {
    const delivery = await deliveries.get(subscriptionId, deliveryId);
    return {
      ...toDeliveryResource(delivery),
      event: JSON.parse(delivery.payload) as Record<string, unknown>,
      attemptLog: (await deliveries.attempts(delivery._id)).map(toAttemptResource),
    };
  };

  return [
    bindRoute(routes.create, async ({ body, actor }) => {
      const url = await acceptedUrl(body.url, targets);
      const created = await subscriptions.create(
        { url, eventTypes: body.eventTypes, description: body.description, createdBy: actor.sub },
        now(),
      );
      const secret = created.secrets[0]?.value ?? '';
      return { status: 201, body: { ...toSubscriptionResource(created), secret } };
    }),
    bindRoute(routes.list, async ({ query }) => {
      const page = await subscriptions.list({
        limit: query.limit,
        ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
      });
      return {
        status: 200,
        body: { items: page.items.map(toSubscriptionResource), nextCursor: page.nextCursor },
      };
    }),
    bindRoute(routes.get, async ({ params }) => ({
      status: 200,
      body: toSubscriptionResource(await subscriptions.get(params.id)),
    })),
    bindRoute(routes.update, async ({ params, body }) => {
      const changes = {
        ...(body.url === undefined ? {} : { url: await acceptedUrl(body.url, targets) }),
        ...(body.eventTypes === undefined ? {} : { eventTypes: body.eventTypes }),
        ...(body.description === undefined ? {} : { description: body.description }),
      };
      const updated = await subscriptions.update(params.id, changes, now());
      return { status: 200, body: toSubscriptionResource(updated) };
    }),
    bindRoute(routes.remove, async ({ params }) => {
      await subscriptions.delete(params.id);
      return { status: 204 };
    }),
    bindRoute(routes.disable, async ({ params, actor }) => {
      await subscriptions.disable(params.id, 'manual', `disabled by ${actor.sub}`, now());
      return { status: 200, body: toSubscriptionResource(await subscriptions.get(params.id)) };
    }),
    bindRoute(routes.enable, async ({ params }) => {
      const enabled = await subscriptions.enable(params.id, now());
      options.onDue();
      return { status: 200, body: toSubscriptionResource(enabled) };
    }),
    bindRoute(routes.rotateSecret, async ({ params, body }) => {
      const at = now();
      const graceMs =
        body.gracePeriodSeconds === undefined
          ? options.rotationGraceMs
          : body.gracePeriodSeconds * 1000;
      const rotated = await subscriptions.rotateSecret(params.id, graceMs, at);
      const [current, ...previous] = rotated.secrets;
      const expiries = previous.flatMap((s) => (s.expiresAt ? [s.expiresAt.getTime()] : []));
      return {
        status: 200,
        body: {
          secret: current?.value ?? '',
          previousSecretsExpireAt:
            expiries.length > 0 ? new Date(Math.max(...expiries)).toISOString() : null,
        },
      };
    }),
    bindRoute(routes.ping, async ({ params }) => {
      const subscription = await subscriptions.get(params.id);
      const at = now();
      const event = {
        specversion: '1.0',
        id: `ping_${randomUUID()}`,
        source: options.source,
        type: 'webhook.ping',
        subject: subscription._id,
        time: at.toISOString(),
        datacontenttype: 'application/json',
        data: { subscriptionId: subscription._id, url: subscription.url },
      };
      await deliveries.enqueue(
        [
          {
            subscriptionId: subscription._id,
            eventId: event.id,
            eventType: event.type,
            payload: JSON.stringify(event),
          },
        ],
        at,
      );
      options.onDue();
      return { status: 202, body: { deliveryId: `${subscription._id}:${event.id}` } };
    }),
    bindRoute(routes.listDeliveries, async ({ params, query }) => {
      await subscriptions.get(params.id);
      const page = await deliveries.list(
        params.id,
        { status: query.status },
        { limit: query.limit, ...(query.cursor === undefined ? {} : { cursor: query.cursor }) },
      );
      return {
        status: 200,
        body: { items: page.items.map(toDeliveryResource), nextCursor: page.nextCursor },
      };
    }),
    bindRoute(routes.getDelivery, async ({ params }) => ({
      status: 200,
      body: await detail(params.id, params.deliveryId),
    })),
    bindRoute(routes.replayDelivery, async ({ params }) => {
      const { failure } = await deliveries.replay(params.id, params.deliveryId, now());
      if (failure) options.metrics?.replayed.inc({ reason: failure.reason });
      options.onDue();
      return { status: 202, body: await detail(params.id, params.deliveryId) };
    }),
    bindRoute(routes.replayFailed, async ({ params, body }) => {
      await subscriptions.get(params.id);
      const replayed = await deliveries.replayFailedSince(params.id, new Date(body.since), now());
      if (replayed > 0) options.onDue();
      return { status: 202, body: { replayed } };
    }),
  ];
}
