import { z } from 'zod';
import { isoTimeSchema } from '../domain/fields';
import type { CustomerHistoryEntry } from '../persistence/customer-history-entry';
import { jsonPatchOperationSchema } from '../persistence/customer-history-entry';
import { customerSnapshotSchema } from '../persistence/customer-snapshot';
import { cursorSchema, limitSchema, pageSchema } from './page';

/** `GET /customers/{id}/history` query: versions oldest first, keyset-paged. */
export const customerHistoryQuerySchema = z.strictObject({
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});

export type CustomerHistoryQuery = z.infer<typeof customerHistoryQuerySchema>;

/** One version of a customer as the history API returns it. */
export const customerHistoryEntryResourceSchema = z.object({
  version: z.number().int().positive(),
  eventId: z.string().describe('Id of the CloudEvent this version published'),
  eventType: z.string().describe('e.g. customer.blocked.v1'),
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
  state: customerSnapshotSchema.describe('The customer at this version'),
});

export type CustomerHistoryEntryResource = z.infer<typeof customerHistoryEntryResourceSchema>;

/** `GET /customers/{id}/history` response. */
export const customerHistoryPageSchema = pageSchema(customerHistoryEntryResourceSchema);

export type CustomerHistoryPage = z.infer<typeof customerHistoryPageSchema>;

/** The API form of a stored audit-trail entry. */
export function toCustomerHistoryEntryResource(
  entry: CustomerHistoryEntry,
): CustomerHistoryEntryResource {
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
