import { z } from 'zod';

/** Kafka's rule for group ids, kept to printable, path- and log-safe characters. */
const groupIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be 1-249 letters, digits, ".", "_" or "-"')
  .describe('Consumer group to rewind');

/** `POST /<service>/events/replays`: rewind a consumer group to the first event at `from`. */
export const replayEventsBodySchema = z.strictObject({
  groupId: groupIdSchema,
  from: z.iso
    .datetime({ offset: true })
    .describe('Replay every event published at or after this time (ISO 8601)'),
});

export type ReplayEventsBody = z.infer<typeof replayEventsBodySchema>;

/** `POST /<service>/events/replays` response: where each partition of the group now starts. */
export const replayEventsResultSchema = z.object({
  groupId: z.string(),
  topic: z.string(),
  from: z.string().describe('The requested time, as given'),
  partitions: z.array(z.object({ partition: z.number().int().nonnegative(), offset: z.string() })),
});

export type ReplayEventsResult = z.infer<typeof replayEventsResultSchema>;
