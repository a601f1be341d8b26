import { z } from 'zod';
import { jsonPatchOperationSchema } from './json-patch-operation';

/**
 * One stored entry of an aggregate's audit trail (the `AuditEntry` `chgh` writes, as read back):
 * who changed the aggregate, through which command, and how. `aggregateId` and `state` are the
 * service's id and snapshot schemas.
 */
export const historyEntrySchema = <I extends z.ZodType<string>, S extends z.ZodType>(
  aggregateId: I,
  state: S,
) =>
  z.object({
    /** `<aggregateId>:<version>`, so a re-delivered change is recorded once. */
    _id: z.string(),
    aggregateId,
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
    /** The aggregate at this version. */
    state,
  });

/** A stored history entry whose state is an `S`. */
export type HistoryEntry<S = unknown> = Omit<
  z.infer<ReturnType<typeof historyEntrySchema<z.ZodString, z.ZodUnknown>>>,
  'state'
> & { state: S };
