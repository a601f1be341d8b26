import { z } from 'zod';
import { isoTimeSchema } from '../domain/fields';
import type { OrderHistoryEntry } from '../persistence/order-history-entry';
import { jsonPatchOperationSchema } from '../persistence/order-history-entry';
import { orderSnapshotSchema } from '../persistence/order-snapshot';
import { cursorSchema, limitSchema, pageSchema } from './page';

/** `GET /orders/{id}/history` query: versions oldest first, keyset-paged. */
export const orderHistoryQuerySchema = z.strictObject({
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});

export type OrderHistoryQuery = z.infer<typeof orderHistoryQuerySchema>;

/** One version of an order as the history API returns it. */
export const orderHistoryEntryResourceSchema = z.object({
  version: z.number().int().positive(),
  eventId: z.string().describe('Id of the CloudEvent this version published'),
  eventType: z.string().describe('e.g. order.shipped.v1'),
  time: isoTimeSchema,
  actor: z
    .object({ sub: z.string(), roles: z.array(z.string()) })
    .describe('Who issued the command'),
  commandId: z.string().describe('The Idempotency-Key, or the id derived from the cause'),
  correlationId: z.string(),
  causationId: z.string().nullable().describe('The event or webhook that caused the command'),
  patch: z
    .array(jsonPatchOperationSchema)
    .describe('RFC 6902 operations from the previous version to this one'),
  state: orderSnapshotSchema.describe('The order at this version'),
});

export type OrderHistoryEntryResource = z.infer<typeof orderHistoryEntryResourceSchema>;

/** `GET /orders/{id}/history` response. */
export const orderHistoryPageSchema = pageSchema(orderHistoryEntryResourceSchema);

export type OrderHistoryPage = z.infer<typeof orderHistoryPageSchema>;

/** The API form of a stored audit-trail entry. */
export function toOrderHistoryEntryResource(entry: OrderHistoryEntry): OrderHistoryEntryResource {
  return {
    version: entry.version,
    eventId: entry.eventId,
    eventType: entry.eventType,
    time: entry.time.toISOString(),
    actor: { sub: entry.actor.sub, roles: [...entry.actor.roles] },
    commandId: entry.commandId,
    correlationId: entry.correlationId,
    causationId: entry.causationId ?? null,
    patch: entry.patch,
    state: entry.state,
  };
}
