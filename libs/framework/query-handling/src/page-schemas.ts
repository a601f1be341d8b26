import { z } from 'zod';

/** The opaque cursor of a keyset-paged list: the previous page's `nextCursor`, as is. */
export const cursorSchema = z
  .string()
  .min(1)
  .max(1024)
  .describe("Opaque cursor: the previous page's nextCursor");

/** Page size of a list: 1-100, 20 when absent. Query strings are text, hence the coercion. */
export const limitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(100)
  .default(20)
  .describe('Page size');

/**
 * The paging parameters of a list's query (`PageRequest`), to spread after its filters into a
 * `z.strictObject`, so an unknown parameter is a 400 rather than an ignored filter.
 */
export const pageQueryShape = { limit: limitSchema, cursor: cursorSchema.optional() };

/** The query of a list without filters, e.g. an aggregate's history: paging only. */
export const pageQuerySchema = z.strictObject(pageQueryShape);

/** One page of a list (`Page`): the items and the cursor of the next page, `null` on the last. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: cursorSchema.nullable().describe('Cursor of the next page; null on the last'),
  });
