import { z } from 'zod';
import { discardSchema, toDiscardResource } from '@cqrs/framework-jobs';
import { pageQueryShape, pageQuerySchema, pageSchema } from '@cqrs/framework-query-handling';
import type { AttemptDocument, DeliveryDocument } from '../deliveries/delivery';
import type { SubscriptionDocument } from '../subscriptions/subscription';

const isoTime = z.iso.datetime({ offset: true });

/** The event-type filter of a subscription: types of the service's catalog, or `*` for all. */
export const eventTypesSchema = (types: readonly string[]) =>
  z
    .array(z.enum(['*', ...types] as [string, ...string[]]))
    .min(1)
    .max(100)
    .describe('Event types to deliver; ["*"] for every type, including ones added later');

// An absolute URL (`format: uri`) is checked here, with the other field rules; whether the
// target may be called at all (https, a public address) is the SSRF guard's 422 target_refused.
const urlSchema = z
  .string()
  .max(2048)
  .check(z.url())
  .describe('Where deliveries are POSTed: https, public address (see the SSRF rules)');
const descriptionSchema = z.string().max(500);

export const createSubscriptionBodySchema = (types: readonly string[]) =>
  z.strictObject({
    url: urlSchema,
    eventTypes: eventTypesSchema(types).default(['*']),
    description: descriptionSchema.default(''),
  });

export const updateSubscriptionBodySchema = (types: readonly string[]) =>
  z
    .strictObject({
      url: urlSchema.optional(),
      eventTypes: eventTypesSchema(types).optional(),
      description: descriptionSchema.optional(),
    })
    .refine((body) => Object.keys(body).length > 0, 'change at least one field')
    // The refinement is invisible to JSON Schema; say the same thing there for the OpenAPI doc.
    .meta({ minProperties: 1 });

export const rotateSecretBodySchema = z.strictObject({
  gracePeriodSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600)
    .optional()
    .describe('How long the previous secret keeps signing too (default: the service setting)'),
});

export const replayDeliveriesBodySchema = z.strictObject({
  since: isoTime.describe('Replay every failed delivery created at or after this time'),
});

export const subscriptionParamsSchema = z.object({
  id: z.string().min(1).max(64).describe('Subscription id'),
});

export const deliveryParamsSchema = subscriptionParamsSchema.extend({
  deliveryId: z.string().min(1).max(600).describe('Delivery id'),
});

export const listSubscriptionsQuerySchema = pageQuerySchema;

export const deliveryStatusSchema = z
  .enum(['pending', 'delivered', 'failed', 'discarded'])
  .describe('pending; delivered; failed: parked after the last attempt; discarded: given up on');

export const listDeliveriesQuerySchema = z.strictObject({
  status: deliveryStatusSchema.optional(),
  ...pageQueryShape,
});

export const subscriptionResourceSchema = z.object({
  id: z.string(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  description: z.string(),
  status: z.enum(['active', 'disabled']),
  disabled: z
    .object({
      reason: z.enum(['manual', 'gone', 'failing']),
      detail: z.string(),
      at: z.string(),
    })
    .nullable()
    .describe('Why and when the subscription was disabled; null while active'),
  failingSince: z.string().nullable().describe('Since when every attempt has failed; null if not'),
  secrets: z
    .array(z.object({ createdAt: z.string(), expiresAt: z.string().nullable() }))
    .describe('The signing secrets in use (values are only shown when created)'),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const createdSubscriptionSchema = subscriptionResourceSchema.extend({
  secret: z.string().describe('The whsec_ signing secret; shown only now'),
});

export const rotatedSecretSchema = z.object({
  secret: z.string().describe('The new whsec_ signing secret; shown only now'),
  previousSecretsExpireAt: z.string().nullable(),
});

export const subscriptionPageSchema = pageSchema(subscriptionResourceSchema);

const attemptSummarySchema = z.object({
  at: z.string(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
});

export const deliveryResourceSchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  eventId: z.string().describe('The CloudEvent id, sent as webhook-id'),
  eventType: z.string(),
  status: deliveryStatusSchema,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastAttempt: attemptSummarySchema.nullable(),
  failure: z.object({ reason: z.string(), detail: z.string() }).nullable(),
  failedAt: z.string().nullable().describe('When it was parked; null unless failed or discarded'),
  discarded: discardSchema
    .nullable()
    .describe('Who gave up on it, why and when; null unless discarded'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const attemptResourceSchema = attemptSummarySchema.extend({
  attempt: z.number().int(),
  outcome: z.enum(['delivered', 'retrying', 'failed']),
  latencyMs: z.number().int(),
  responseSnippet: z.string().describe('The first bytes of the response body'),
});

export const deliveryDetailSchema = deliveryResourceSchema.extend({
  event: z.record(z.string(), z.unknown()).describe('The CloudEvent sent as the body'),
  attemptLog: z.array(attemptResourceSchema),
});

export const deliveryPageSchema = pageSchema(deliveryResourceSchema);

export const pingResultSchema = z.object({ deliveryId: z.string() });
export const replayResultSchema = z.object({ replayed: z.number().int() });

export type SubscriptionResource = z.input<typeof subscriptionResourceSchema>;
export type DeliveryResource = z.input<typeof deliveryResourceSchema>;

export const toSubscriptionResource = (s: SubscriptionDocument): SubscriptionResource => ({
  id: s._id,
  url: s.url,
  eventTypes: [...s.eventTypes],
  description: s.description,
  status: s.status,
  disabled: s.disabled && { ...s.disabled, at: s.disabled.at.toISOString() },
  failingSince: s.failingSince?.toISOString() ?? null,
  secrets: s.secrets.map((secret) => ({
    createdAt: secret.createdAt.toISOString(),
    expiresAt: secret.expiresAt?.toISOString() ?? null,
  })),
  createdBy: s.createdBy,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

export const toDeliveryResource = (d: DeliveryDocument): DeliveryResource => ({
  id: d._id,
  subscriptionId: d.subscriptionId,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.status === 'pending' ? d.dueAt.toISOString() : null,
  lastAttempt: d.lastAttempt && { ...d.lastAttempt, at: d.lastAttempt.at.toISOString() },
  failure: d.failure,
  failedAt: d.failedAt?.toISOString() ?? null,
  discarded: toDiscardResource(d.discarded),
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

export const toAttemptResource = (a: AttemptDocument) => ({
  attempt: a.attempt,
  outcome: a.outcome,
  at: a.at.toISOString(),
  statusCode: a.statusCode,
  latencyMs: a.latencyMs,
  responseSnippet: a.responseSnippet,
  error: a.error,
});
