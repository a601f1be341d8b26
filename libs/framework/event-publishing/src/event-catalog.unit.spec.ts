import { z } from 'zod';
import { catalogResponse, catalogResponseSchemaFor } from './event-catalog';

const catalog = [
  {
    type: 'thing.closed.v1',
    description: 'The thing was closed.',
    dataSchema: z.object({ thingId: z.string(), reason: z.string().optional() }),
  },
];

describe('event catalog response', () => {
  it('serves the topic and a JSON Schema per type that keeps objects open', () => {
    const response = catalogResponse('things.events.v1', catalog);

    expect(response.topic).toBe('things.events.v1');
    expect(response.items).toHaveLength(1);
    expect(response.items[0]).toMatchObject({
      type: 'thing.closed.v1',
      description: 'The thing was closed.',
      dataSchema: { type: 'object', required: ['thingId'] },
    });
    expect(response.items[0]?.dataSchema).not.toHaveProperty('additionalProperties');
  });

  it('is valid by its schema, which names the example type', () => {
    const schema = catalogResponseSchemaFor('thing.closed.v1');
    const json = JSON.stringify(z.toJSONSchema(schema));

    expect(schema.safeParse(catalogResponse('t', catalog)).error).toBeUndefined();
    expect(json).toContain('CloudEvents type, e.g. thing.closed.v1');
  });
});
