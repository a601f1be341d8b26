import { randomUUID } from 'node:crypto';
import { webhookHeaders } from '../standard-webhooks/sign-webhook';

/** One webhook to sign and post, as a provider would. */
export interface PostWebhookOptions {
  /** A JSON value, or the exact body text (e.g. something that is not JSON). */
  readonly payload: unknown;
  /** Signs with each (one signature per secret); none sends no `webhook-signature`. */
  readonly secrets: readonly string[];
  /** The webhook id; a fresh `msg_...` one by default. */
  readonly id?: string;
  /** When it was signed, seconds since the epoch; now by default. */
  readonly timestampSeconds?: number;
  /** Added to (or overriding) the signed headers, e.g. a forged signature. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The hook's answer, with the id the webhook was sent under. */
export interface PostedWebhook {
  readonly id: string;
  readonly status: number;
  /** The answer: parsed JSON, the text when it is not JSON, `undefined` when empty. */
  readonly body: unknown;
}

/** A fresh Standard Webhooks style message id. */
export const newWebhookId = (): string => `msg_${randomUUID().replaceAll('-', '')}`;

/** Signs `payload` the Standard Webhooks way and posts it to `url`; reads the whole answer. */
export async function postWebhook(
  url: string,
  options: PostWebhookOptions,
): Promise<PostedWebhook> {
  const id = options.id ?? newWebhookId();
  const timestampSeconds = options.timestampSeconds ?? Math.floor(Date.now() / 1000);
  const body =
    typeof options.payload === 'string' ? options.payload : JSON.stringify(options.payload);
  const signed =
    options.secrets.length > 0
      ? webhookHeaders(options.secrets, id, timestampSeconds, body)
      : { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds) };
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signed, ...options.headers },
    body,
  });
  return { id, status: response.status, body: parsed(await response.text()) };
}

function parsed(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
