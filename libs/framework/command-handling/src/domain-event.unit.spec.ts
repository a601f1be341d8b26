import { z } from 'zod';
import { domainEventSchema, storedEventParser } from './domain-event';

const thingEventSchema = z.discriminatedUnion('type', [
  domainEventSchema('thing.opened.v1', z.object({ thingId: z.string() })),
  domainEventSchema('thing.closed.v1', z.object({ thingId: z.string(), reason: z.string() })),
]);
const parseThingEvent = storedEventParser(thingEventSchema);

describe('domain events', () => {
  it('are their data, flat, with the literal type', () => {
    const event = thingEventSchema.parse({ type: 'thing.closed.v1', thingId: 't', reason: 'done' });

    expect(event).toEqual({ type: 'thing.closed.v1', thingId: 't', reason: 'done' });
  });

  it('are rebuilt from a stored type and data', () => {
    const event = parseThingEvent({ type: 'thing.closed.v1', data: { thingId: 't', reason: 'x' } });

    expect(event).toEqual({ type: 'thing.closed.v1', thingId: 't', reason: 'x' });
  });

  it('keep the stored type even when the data carries another', () => {
    const event = parseThingEvent({
      type: 'thing.opened.v1',
      data: { type: 'thing.closed.v1', thingId: 't' },
    });

    expect(event.type).toBe('thing.opened.v1');
  });

  it('refuse an unknown type, invalid data and data that is no object', () => {
    expect(() => parseThingEvent({ type: 'thing.lost.v1', data: { thingId: 't' } })).toThrow(
      z.ZodError,
    );
    expect(() => parseThingEvent({ type: 'thing.closed.v1', data: { thingId: 't' } })).toThrow(
      /reason/,
    );
    expect(() => parseThingEvent({ type: 'thing.opened.v1', data: null })).toThrow(/thingId/);
  });
});
