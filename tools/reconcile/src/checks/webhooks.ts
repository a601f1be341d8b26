import type { Drift, ServiceName } from '../report';
import type { TopicEvent } from './topic';

/** What the check needs of a webhook subscription. */
export interface SubscriptionFacts {
  readonly _id: string;
  readonly status: 'active' | 'disabled';
  readonly eventTypes: readonly string[];
  readonly createdAt: Date;
  /** Since when it has been active with its current event types (older documents: none). */
  readonly matchingSince?: Date | undefined;
}

/** What it needs of a delivery. */
export interface DeliveryFacts {
  readonly _id: string;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly claim: string | null;
  readonly dueAt: Date;
}

/**
 * Events written this close to a subscription's start may or may not have been fanned out to it
 * (the event's time is taken before its write commits, the subscription's before its insert).
 */
export const subscriptionStartMarginMs = 2_000;

const wants = (subscription: SubscriptionFacts, type: string) =>
  subscription.eventTypes.includes('*') || subscription.eventTypes.includes(type);

/**
 * Events versus deliveries: every event on the topic that an active subscription wants, written
 * after the subscription started matching it, has its delivery (`<subscriptionId>:<eventId>`),
 * whatever became of it since (delivered, pending, or parked as failed).
 */
export function checkDeliveries(
  service: ServiceName,
  subscriptions: readonly SubscriptionFacts[],
  events: readonly TopicEvent[],
  deliveryIds: ReadonlySet<string>,
): Drift[] {
  const drifts: Drift[] = [];
  const seen = new Set<string>();
  for (const subscription of subscriptions) {
    if (subscription.status !== 'active') continue;
    const since =
      (subscription.matchingSince ?? subscription.createdAt).getTime() + subscriptionStartMarginMs;
    const missing: string[] = [];
    for (const event of events) {
      if (seen.has(`${subscription._id}:${event.id}`)) continue;
      seen.add(`${subscription._id}:${event.id}`);
      if (!wants(subscription, event.type) || Date.parse(event.time) <= since) continue;
      if (!deliveryIds.has(`${subscription._id}:${event.id}`)) missing.push(event.id);
    }
    if (missing.length > 0) {
      drifts.push({
        service,
        check: 'webhook-deliveries',
        id: subscription._id,
        detail: `${missing.length} wanted event(s) without a delivery (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''})`,
      });
    }
  }
  return drifts;
}

/** Pending deliveries whose claim lapsed more than `stuckAfterMs` before `now`: no dispatcher picks them up. */
export function checkStuckDeliveries(
  service: ServiceName,
  deliveries: readonly DeliveryFacts[],
  now: Date,
  stuckAfterMs: number,
): Drift[] {
  return deliveries
    .filter(
      (d) =>
        d.status === 'pending' &&
        d.claim !== null &&
        d.dueAt.getTime() < now.getTime() - stuckAfterMs,
    )
    .map((d) => ({
      service,
      check: 'stuck-deliveries' as const,
      id: d._id,
      detail: `claimed, and the claim lapsed at ${d.dueAt.toISOString()} without a new attempt`,
    }));
}
