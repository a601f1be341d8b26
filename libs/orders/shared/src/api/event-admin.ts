import { z } from 'zod';
import { eventCatalog } from '../events/event-catalog';
import { ordersEventsTopic } from '../events/order-events';

/** `GET /orders/events/types` response: the topic and every event type with its schema. */
export const eventCatalogResponseSchema = z.object({
  topic: z.string().describe('Kafka topic the events are published on'),
  items: z.array(
    z.object({
      type: z.string().describe('CloudEvents type, e.g. order.shipped.v1'),
      description: z.string(),
      dataSchema: z.record(z.string(), z.unknown()).describe('JSON Schema of the event data'),
    }),
  ),
});

export type EventCatalogResponse = z.infer<typeof eventCatalogResponseSchema>;

/**
 * The catalog response: each data schema as JSON Schema (draft 2020-12). Input mode keeps the
 * objects open (no `additionalProperties: false`): consumers must accept fields added later.
 */
export const toEventCatalogResponse = (): EventCatalogResponse => ({
  topic: ordersEventsTopic,
  items: eventCatalog.map((entry) => ({
    type: entry.type,
    description: entry.description,
    dataSchema: z.toJSONSchema(entry.dataSchema, { io: 'input' }),
  })),
});

/** Kafka's rule for group ids, kept to printable, path- and log-safe characters. */
const groupIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be 1-249 letters, digits, ".", "_" or "-"')
  .describe('Consumer group to rewind');

/** `POST /orders/events/replays`: rewind a consumer group to the first event at `from`. */
export const replayEventsBodySchema = z.strictObject({
  groupId: groupIdSchema,
  from: z.iso
    .datetime({ offset: true })
    .describe('Replay every event published at or after this time (ISO 8601)'),
});

export type ReplayEventsBody = z.infer<typeof replayEventsBodySchema>;

/** `POST /orders/events/replays` response: where each partition of the group now starts. */
export const replayEventsResultSchema = z.object({
  groupId: z.string(),
  topic: z.string(),
  from: z.string().describe('The requested time, as given'),
  partitions: z.array(z.object({ partition: z.number().int().nonnegative(), offset: z.string() })),
});

export type ReplayEventsResult = z.infer<typeof replayEventsResultSchema>;
