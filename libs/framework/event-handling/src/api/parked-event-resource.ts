import { z } from 'zod';
import { discardSchema, toDiscardResource } from '@cqrs/framework-jobs';
import type { ParkedEvent } from '../parking/parked-event';
import { parkReasonCodes } from '../parking/parked-event';

/** The statuses of a parked event, as a query filter and in the resource. */
export const parkedStatusSchema = z
  .enum(['parked', 'replayed', 'discarded'])
  .describe('parked: waiting for an operator; replayed: handled by a replay; discarded: given up');

/** The park reason codes, as a query filter. */
export const parkReasonCodeSchema = z.enum(parkReasonCodes).describe('Why it was parked');

/** Why an event was parked, as the API shows it. */
export const parkReasonSchema = z.object({
  code: parkReasonCodeSchema.describe('What went wrong'),
  message: z.string().describe('Details, e.g. the validation issues or the last error'),
  status: z.number().int().optional().describe("HTTP status of cmdh's last answer"),
  problemReason: z.string().optional().describe("The reason of cmdh's problem details"),
  command: z.string().optional().describe('The command that failed, e.g. POST /internal/x'),
});

/** A parked event, without its payload (which may hold personal data). */
export const parkedEventResourceSchema = z.object({
  id: z.string().describe('The event id, or topic:partition:offset when it was no CloudEvent'),
  topic: z.string(),
  partition: z.number().int().nonnegative(),
  offset: z.string().describe('Kafka offset, as a decimal string'),
  type: z.string().nullable().describe('CloudEvents type; null when it could not be decoded'),
  reason: parkReasonSchema,
  attempts: z.number().int().nonnegative().describe('Commands sent for this event so far'),
  parkedAt: z.iso.datetime().describe('When it was last parked'),
  status: parkedStatusSchema,
  replayedAt: z.iso.datetime().nullable().describe('When a replay handled it'),
  discarded: discardSchema
    .nullable()
    .describe('Who gave up on it, why and when; null unless discarded'),
});

export type ParkedEventResource = z.infer<typeof parkedEventResourceSchema>;

/** Maps a stored parked event to its API resource. */
export const toParkedEventResource = (event: ParkedEvent): ParkedEventResource => ({
  id: event._id,
  topic: event.topic,
  partition: event.partition,
  offset: event.offset,
  type: event.type ?? null,
  reason: { ...event.reason },
  attempts: event.attempts,
  parkedAt: event.parkedAt.toISOString(),
  status: event.status,
  replayedAt: event.replayedAt?.toISOString() ?? null,
  discarded: toDiscardResource(event.discarded),
});
