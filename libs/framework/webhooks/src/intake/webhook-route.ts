import { defineRoute } from '@cqrs/framework-core';
import { z } from 'zod';

// The intake checks these itself and answers 401 when one is missing, so the schema only
// documents them (a required header would make the app answer 400 first).
/** The Standard Webhooks headers of a hook route, as `openapi.yaml` documents them. */
export const webhookHeadersSchema = z.object({
  'webhook-id': z
    .string()
    .optional()
    .describe('Required. The message id; a redelivery carries the same one'),
  'webhook-timestamp': z
    .string()
    .optional()
    .describe('Required. Seconds since the epoch when it was signed; 5 minutes tolerance'),
  'webhook-signature': z
    .string()
    .optional()
    .describe('Required. Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`'),
});

/** What a hook route answers with 200: the webhook was acted on, or refused for good. */
export const webhookReceiptSchema = z.object({
  id: z.string().describe('The webhook id'),
  status: z
    .enum(['applied', 'refused'])
    .describe('`refused`: the service declined it for a business reason; do not retry'),
  duplicate: z.boolean().describe('The id was handled before; nothing was done again'),
  reason: z.string().optional().describe('Why it was refused, e.g. `not_pending_kyc`'),
});

export type WebhookReceipt = z.output<typeof webhookReceiptSchema>;

/** What a service declares about one provider's hook. */
export interface WebhookRouteOptions<P extends z.ZodType> {
  readonly service: string;
  /** E.g. `/hooks/kyc-provider`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /** The provider's payload; the intake validates it after the signature (400 otherwise). */
  readonly payload: P;
}

/**
 * Declares the public `POST` route of a provider's webhooks, served by the service's `extevh`:
 * no bearer token (a Standard Webhooks signature instead, checked on the raw body), the
 * payload documented as the body, and the answers every hook gives.
 */
export const webhookRoute = <const P extends z.ZodType>(options: WebhookRouteOptions<P>) =>
  defineRoute({
    service: options.service,
    app: 'extevh',
    exposure: 'public',
    method: 'post',
    path: options.path,
    operationId: options.operationId,
    summary: options.summary,
    tags: options.tags,
    auth: 'none',
    rawBody: true,
    headers: webhookHeadersSchema,
    body: options.payload,
    responses: {
      200: {
        description: 'Applied, or refused for a business reason (recorded; do not retry)',
        body: webhookReceiptSchema,
      },
      400: { description: 'The body is not valid JSON or not a valid payload; do not retry' },
      401: { description: 'Missing or wrong signature, or a timestamp over 5 minutes away' },
      503: { description: 'It cannot be acted on now; retry later with the same webhook id' },
    },
  });

/** A declared hook route, whatever its payload. */
export type WebhookRoute = ReturnType<typeof webhookRoute<z.ZodType>>;
