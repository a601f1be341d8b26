import { z } from 'zod';

/**
 * The schema of one domain event: its literal `type` plus its data, flat (the stored event's
 * `data` is the rest). A service's event union is a `z.discriminatedUnion('type', ...)` of them.
 */
export const domainEventSchema = <T extends string, S extends z.ZodRawShape>(
  type: T,
  data: z.ZodObject<S>,
) => data.extend({ type: z.literal(type) });

/**
 * Rebuilds and validates a domain event from a stored or published one (`type` + `data`), e.g. a
 * document's `lastEvent` or a CloudEvent, with the aggregate's event union. The parser throws a
 * `ZodError` for anything the union does not know.
 */
export const storedEventParser =
  <S extends z.ZodType>(events: S) =>
  (stored: { type: string; data: unknown }): z.output<S> =>
    events.parse({
      ...(typeof stored.data === 'object' && stored.data !== null ? stored.data : {}),
      type: stored.type,
    });
