import { randomBytes } from 'node:crypto';

/** The prefix of Standard Webhooks secrets; what follows is the base64 key. */
export const webhookSecretPrefix = 'whsec_';

// Standard base64, padding optional: the alphabet Standard Webhooks secrets are written in.
const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;

/** A new `whsec_`-prefixed secret: 32 random bytes, base64. */
export function generateWebhookSecret(): string {
  return webhookSecretPrefix + randomBytes(32).toString('base64');
}

/**
 * Whether `secret` is a usable Standard Webhooks secret: `whsec_` followed by a non-empty
 * base64 key. For config validation; signing accepts a bare base64 key too, like the
 * `standardwebhooks` libraries.
 */
export function isWebhookSecret(secret: string): boolean {
  if (!secret.startsWith(webhookSecretPrefix)) return false;
  const key = secret.slice(webhookSecretPrefix.length);
  return base64Pattern.test(key) && Buffer.from(key, 'base64').length > 0;
}

/** The HMAC key of a secret: the base64-decoded part after `whsec_` (the prefix is optional). */
export function webhookKeyOf(secret: string): Buffer {
  const encoded = secret.startsWith(webhookSecretPrefix)
    ? secret.slice(webhookSecretPrefix.length)
    : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new Error('a webhook secret needs a non-empty base64 key');
  return key;
}
