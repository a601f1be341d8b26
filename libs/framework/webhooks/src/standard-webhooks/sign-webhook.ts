import { createHmac } from 'node:crypto';
import { webhookKeyOf } from './webhook-secret';

/** The version tag of symmetric (HMAC-SHA256) signatures. */
export const signatureVersion = 'v1';

/** The three Standard Webhooks headers of one delivery. */
export interface WebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** The base64 HMAC-SHA256 of `${id}.${timestamp}.${payload}` under `key`. */
export function hmacOf(
  key: Buffer,
  id: string,
  timestampSeconds: number,
  payload: Buffer | string,
): string {
  return createHmac('sha256', key)
    .update(`${id}.${timestampSeconds}.`)
    .update(payload)
    .digest('base64');
}

/** `v1,<base64 HMAC-SHA256 of "${id}.${timestamp}.${payload}">`, key = base64-decoded part after `whsec_`. */
export function signWebhook(
  secret: string,
  id: string,
  timestampSeconds: number,
  payload: string,
): string {
  assertTimestamp(timestampSeconds);
  return `${signatureVersion},${hmacOf(webhookKeyOf(secret), id, timestampSeconds, payload)}`;
}

/** The three Standard Webhooks headers for one delivery; signatures of every secret given, space-separated. */
export function webhookHeaders(
  secrets: readonly string[],
  id: string,
  timestampSeconds: number,
  payload: string,
): { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string } {
  if (secrets.length === 0) throw new Error('signing a webhook needs at least one secret');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets
      .map((secret) => signWebhook(secret, id, timestampSeconds, payload))
      .join(' '),
  };
}

function assertTimestamp(timestampSeconds: number): void {
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new Error(
      `a webhook timestamp is whole seconds since the epoch, not ${timestampSeconds}`,
    );
  }
}
