/**
 * Where an inbound webhook stands: `pending` until its command was applied or refused for a
 * business reason (both final); a webhook whose command could not be sent stays `pending`, so
 * the provider's retry is processed again.
 */
export type InboundWebhookStatus = 'pending' | 'applied' | 'refused';

/** Why `cmdh` refused a webhook's command for good. */
export interface WebhookRefusal {
  readonly status: number;
  /** The problem's `reason`, e.g. `not_pending_kyc`. */
  readonly reason?: string;
  readonly detail: string;
}

/** The last failure to get a webhook's command applied (it stays `pending`). */
export interface WebhookFailure {
  /** Absent when no answer arrived. */
  readonly status?: number;
  readonly detail: string;
  readonly at: Date;
}

/** One verified, valid webhook as stored for audit and deduplication; `_id` is the webhook id. */
export interface InboundWebhook {
  readonly _id: string;
  readonly provider: string;
  /** The payload's `type`, when it has one (e.g. `kyc.approved`). */
  readonly type?: string;
  /** The body exactly as received (UTF-8 JSON). */
  readonly rawBody: string;
  /** The signed `webhook-timestamp`, seconds since the epoch. */
  readonly timestampSeconds: number;
  /** The Idempotency-Key of its command. */
  readonly commandId: string;
  readonly receivedAt: Date;
  readonly lastReceivedAt: Date;
  /** How often it was received verified and valid (redeliveries included). */
  readonly deliveries: number;
  /** Commands sent for it. */
  readonly attempts: number;
  readonly status: InboundWebhookStatus;
  readonly appliedAt?: Date;
  readonly refusedAt?: Date;
  readonly refusal?: WebhookRefusal;
  readonly lastFailure?: WebhookFailure;
}
