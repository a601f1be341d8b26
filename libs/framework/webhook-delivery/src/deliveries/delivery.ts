import type { Discard } from '@cqrs/framework-jobs';

/**
 * Where a delivery stands: waiting for (another) attempt, done, parked after the last one, or
 * given up on by an operator (kept, never sent again).
 */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'discarded';

/** Why a delivery was parked. */
export const failureReasons = [
  'attempts_exhausted',
  'endpoint_gone',
  'subscription_disabled',
  'subscription_deleted',
  'target_refused',
] as const;

export type FailureReason = (typeof failureReasons)[number];

/** One event for one subscription: created before any attempt, so nothing is lost in a crash. */
export interface DeliveryDocument {
  /** `<subscriptionId>:<eventId>`: one delivery per event and subscription, however often fanned out. */
  readonly _id: string;
  readonly subscriptionId: string;
  /** The CloudEvent id; sent as `webhook-id`, the same on every attempt. */
  readonly eventId: string;
  readonly eventType: string;
  /** The CloudEvent as JSON, kept as text so every attempt signs and sends the same bytes. */
  readonly payload: string;
  readonly status: DeliveryStatus;
  /** Attempts made so far. */
  readonly attempts: number;
  /** Pending: when the next attempt is due. Claimed: when the claim lapses. */
  readonly dueAt: Date;
  /** The token of the dispatcher that claimed it, while one does. */
  readonly claim: string | null;
  readonly lastAttempt: AttemptSummary | null;
  readonly failure: { readonly reason: FailureReason; readonly detail: string } | null;
  /** When it was parked (status `failed`, and kept once discarded); absent on older documents. */
  readonly failedAt?: Date | null;
  /** Who gave up on it, why and when. */
  readonly discarded?: Discard | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** How an attempt ended, for the delivery's own record. */
export interface AttemptSummary {
  readonly at: Date;
  readonly statusCode: number | null;
  readonly error: string | null;
}

/** One attempt, kept in the attempt log. */
export interface AttemptDocument extends AttemptSummary {
  readonly _id: string;
  readonly deliveryId: string;
  readonly subscriptionId: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly latencyMs: number;
  /** The first bytes of the response body. */
  readonly responseSnippet: string;
  readonly outcome: 'delivered' | 'retrying' | 'failed';
}
