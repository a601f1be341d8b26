import { timingSafeEqual } from 'node:crypto';
import { hmacOf, signatureVersion } from './sign-webhook';
import { webhookKeyOf } from './webhook-secret';

/** Why a webhook was not accepted. */
export type WebhookVerificationReason =
  'missing_headers' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature';

/** A webhook whose headers or signature do not check out; `reason` says which part failed. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';

  constructor(
    readonly reason: WebhookVerificationReason,
    message: string,
  ) {
    super(message);
  }
}

/** The Standard Webhooks default: five minutes either way. */
export const defaultToleranceSeconds = 300;

/** What {@link verifyWebhook} checks. */
export interface VerifyWebhookInput {
  /** Request headers; names are matched case-insensitively. */
  readonly headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received: the signature covers its bytes, not a re-serialisation. */
  readonly rawBody: Buffer | string;
  /** Every secret currently accepted (several while one is rotated out). */
  readonly secrets: readonly string[];
  /** Largest accepted distance between the timestamp and now, either way; default 300. */
  readonly toleranceSeconds?: number;
  /** Now, in seconds since the epoch; the system clock by default. */
  readonly nowSeconds?: number;
}

/**
 * Verifies headers + raw body against any of the secrets; throws WebhookVerificationError (with a
 * `reason`: 'missing_headers' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature') otherwise.
 * Only `v1` (HMAC-SHA256) signatures are considered; signatures are compared in constant time.
 */
export function verifyWebhook(input: VerifyWebhookInput): { id: string; timestampSeconds: number } {
  const headers = lowerCased(input.headers);
  const id = single(headers.get('webhook-id'));
  const timestamp = single(headers.get('webhook-timestamp'));
  const signatureHeader = joined(headers.get('webhook-signature'));
  if (!id || !timestamp || !signatureHeader) {
    throw new WebhookVerificationError('missing_headers', 'missing Standard Webhooks headers');
  }
  if (!/^\d{1,15}$/.test(timestamp)) {
    throw new WebhookVerificationError('bad_timestamp', 'webhook-timestamp is not a number');
  }
  const timestampSeconds = Number(timestamp);
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = input.toleranceSeconds ?? defaultToleranceSeconds;
  if (Math.abs(now - timestampSeconds) > tolerance) {
    throw new WebhookVerificationError(
      'stale_timestamp',
      `webhook-timestamp is more than ${tolerance} s away from now`,
    );
  }

  const given = signatureHeader
    .split(/\s+/)
    .filter((entry) => entry.startsWith(`${signatureVersion},`))
    .map((entry) => Buffer.from(entry.slice(signatureVersion.length + 1)));
  let matched = false;
  for (const secret of input.secrets) {
    const expected = Buffer.from(hmacOf(webhookKeyOf(secret), id, timestampSeconds, input.rawBody));
    for (const signature of given) {
      // Lengths are public (every v1 signature has the same); the bytes are compared in
      // constant time, and every pair is compared so timing says nothing about which matched.
      const equal = signature.length === expected.length && timingSafeEqual(signature, expected);
      matched = equal || matched;
    }
  }
  if (!matched) {
    throw new WebhookVerificationError('bad_signature', 'no webhook-signature matches');
  }
  return { id, timestampSeconds };
}

type HeaderValue = string | string[] | undefined;

function lowerCased(headers: Record<string, HeaderValue>): Map<string, HeaderValue> {
  return new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/** A header that must occur once; repeated values make it unusable. */
const single = (value: HeaderValue): string | undefined =>
  (Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value)?.trim();

/** A header whose repeated values are one space-separated list (`webhook-signature`). */
const joined = (value: HeaderValue): string | undefined =>
  (Array.isArray(value) ? value.join(' ') : value)?.trim();
