import { z } from 'zod';
import { isoTimeSchema } from '@cqrs/framework-core';
import type { HistoryEntry } from './history-entry';
import { jsonPatchOperationSchema } from './json-patch-operation';

/** What the history API says about the aggregate in its descriptions. */
export interface HistoryResourceDescriptions {
  /** One of the aggregate's event types, e.g. `customer.blocked.v1`. */
  readonly exampleEventType: string;
  /** e.g. `The customer at this version`. */
  readonly state: string;
}

/** One version of an aggregate as the history API returns it; `state` is its snapshot schema. */
export const historyEntryResourceSchema = <S extends z.ZodType>(
  state: S,
  describe: HistoryResourceDescriptions,
) =>
  z.object({
    version: z.number().int().positive(),
    eventId: z.string().describe('Id of the CloudEvent this version published'),
    eventType: z.string().describe(`e.g. ${describe.exampleEventType}`),
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
    state: state.describe(describe.state),
  });

/** A history resource whose state is an `S`. */
export type HistoryEntryResource<S = unknown> = Omit<
  z.infer<ReturnType<typeof historyEntryResourceSchema<z.ZodUnknown>>>,
  'state'
> & { state: S };

/** The API form of a stored audit-trail entry. */
export function toHistoryEntryResource<S>(entry: HistoryEntry<S>): HistoryEntryResource<S> {
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
