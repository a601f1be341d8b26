import { z } from 'zod';
import { traceContextShape } from '@cqrs/framework-core';

/**
 * The event a write produced, stored in the aggregate document as `lastEvent` (DESIGN section 3)
 * and published from the change stream. `data` is the domain event without its `type`.
 */
export const storedEventSchema = z.object({
  /** Unique per aggregate version: `<aggregateId>:<version>`. Becomes the CloudEvent id. */
  id: z.string(),
  /** e.g. `customer.blocked.v1`. */
  type: z.string(),
  aggregateId: z.string(),
  version: z.number().int().positive(),
  time: z.date(),
  data: z.record(z.string(), z.unknown()),
  actor: z.object({ sub: z.string(), roles: z.array(z.string()) }),
  commandId: z.string(),
  correlationId: z.string(),
  /** The event or request that caused the command, when there was one. */
  causationId: z.string().optional(),
  /**
   * W3C trace context of the command's span (`traceparent`, `tracestate`), so that the change
   * stream's readers (evp, extevp, chgh) continue or link to the trace of the request that wrote
   * it. Absent when tracing was off, and in documents written before it existed.
   */
  ...traceContextShape,
});
export type StoredEvent = z.infer<typeof storedEventSchema>;

/**
 * A command this aggregate already applied, kept (bounded) in the document so a retry with the
 * same command id returns the earlier result and writes nothing.
 */
export const processedCommandSchema = z.object({
  commandId: z.string(),
  /** Hash of what was asked; the same id with a different request is refused. */
  fingerprint: z.string(),
  /** The version this command produced. */
  version: z.number().int().positive(),
  /** The status the command got, replayed as is. */
  status: z.number().int(),
  /**
   * The response body the command got, replayed as is; kept for the newest few entries only
   * (see `recordProcessed`).
   */
  body: z.unknown().optional(),
});
export type ProcessedCommand = z.infer<typeof processedCommandSchema>;

/** Fields every aggregate document has, whatever the service's persistence DTO adds. */
export interface VersionedDocument {
  _id: string;
  version: number;
  lastEvent: StoredEvent;
  processedCommands: ProcessedCommand[];
}
