import { z } from 'zod';
import { orderIdSchema } from '../domain/fields';
import { orderSnapshotSchema } from './order-snapshot';

/** One RFC 6902 JSON Patch operation. */
export const jsonPatchOperationSchema = z.discriminatedUnion('op', [
  z.object({ op: z.enum(['add', 'replace', 'test']), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal('remove'), path: z.string() }),
  z.object({ op: z.enum(['move', 'copy']), from: z.string(), path: z.string() }),
]);

export type JsonPatchOperation = z.infer<typeof jsonPatchOperationSchema>;

/**
 * One entry of the `order_history` audit trail, as `orders-chgh` writes it (the framework's
 * audit entry): who changed the order, through which command, and how.
 */
export const orderHistoryEntrySchema = z.object({
  /** `<orderId>:<version>`, so a re-delivered change is recorded once. */
  _id: z.string(),
  aggregateId: orderIdSchema,
  version: z.number().int().positive(),
  /** The CloudEvent id of the event this version published. */
  eventId: z.string(),
  eventType: z.string(),
  time: z.date(),
  actor: z.object({ sub: z.string(), roles: z.array(z.string()) }),
  commandId: z.string(),
  correlationId: z.string(),
  causationId: z.string().optional(),
  /** Turns the previous version's snapshot into `state`; the full state for version 1. */
  patch: z.array(jsonPatchOperationSchema),
  /** The order at this version. */
  state: orderSnapshotSchema,
});

export type OrderHistoryEntry = z.infer<typeof orderHistoryEntrySchema>;
