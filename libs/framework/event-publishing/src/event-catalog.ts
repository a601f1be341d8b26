import { z } from 'zod';

/** One published event type: what it means and the schema of its CloudEvent `data`. */
export interface EventCatalogEntry<T extends string = string> {
  readonly type: T;
  readonly description: string;
  readonly dataSchema: z.ZodObject;
}

/**
 * `GET /<service>/events/types` response: the topic and every event type with its schema.
 * `exampleEventType` is one of the service's types, for the description.
 */
export const catalogResponseSchemaFor = (exampleEventType: string) =>
  z.object({
    topic: z.string().describe('Kafka topic the events are published on'),
    items: z.array(
      z.object({
        type: z.string().describe(`CloudEvents type, e.g. ${exampleEventType}`),
        description: z.string(),
        dataSchema: z.record(z.string(), z.unknown()).describe('JSON Schema of the event data'),
      }),
    ),
  });

export type EventCatalogResponse = z.infer<ReturnType<typeof catalogResponseSchemaFor>>;

/**
 * The catalog response: each data schema as JSON Schema (draft 2020-12). Input mode keeps the
 * objects open (no `additionalProperties: false`): consumers must accept fields added later.
 */
export const catalogResponse = (
  topic: string,
  catalog: readonly EventCatalogEntry[],
): EventCatalogResponse => ({
  topic,
  items: catalog.map((entry) => ({
    type: entry.type,
    description: entry.description,
    dataSchema: z.toJSONSchema(entry.dataSchema, { io: 'input' }),
  })),
});
