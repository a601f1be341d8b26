import { z } from 'zod';
import type { ParkedEvent } from '../parking/parked-event';

const parkReasonCodes = [
  'empty',
  'unsupported_content_type',
  'bad_json',
  'schema',
  'invalid_data',
  'mapping_failed',
  'refused',
  'retries_exhausted',
] as const;

/** The statuses of a parked event, as a query filter and in the resource. */
export const parkedStatusSchema = z
  .enum(['parked', 'replayed'])
  .describe('parked: waiting for an operator; replayed: handled by a replay');

/** Why an event was parked, as the API shows it. */
export const parkReasonSchema = z.object({
  code: z.enum(parkReasonCodes).describe('What went wrong'),
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
});
