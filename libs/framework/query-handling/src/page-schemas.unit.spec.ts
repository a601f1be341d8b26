import { z } from 'zod';
import { pageQueryShape, pageQuerySchema, pageSchema } from './page-schemas';

describe('page schemas', () => {
  const query = z.strictObject({ status: z.string().optional(), ...pageQueryShape });

  it('default the page size to 20 and coerce it from the query string', () => {
    expect(query.parse({})).toEqual({ limit: 20 });
    expect(query.parse({ limit: '5', cursor: 'abc' })).toEqual({ limit: 5, cursor: 'abc' });
  });

  it('refuse a page size outside 1-100 and an empty cursor', () => {
    expect(query.safeParse({ limit: '0' }).success).toBe(false);
    expect(query.safeParse({ limit: '101' }).success).toBe(false);
    expect(query.safeParse({ cursor: '' }).success).toBe(false);
  });

  it('refuse unknown parameters of a list without filters', () => {
    expect(pageQuerySchema.parse({})).toEqual({ limit: 20 });
    expect(pageQuerySchema.safeParse({ order: 'desc' }).success).toBe(false);
  });

  it('give a page its items and a nullable next cursor', () => {
    const page = pageSchema(z.object({ id: z.string() }));

    expect(page.parse({ items: [{ id: 'a' }], nextCursor: null })).toEqual({
      items: [{ id: 'a' }],
      nextCursor: null,
    });
    expect(page.safeParse({ items: [{}], nextCursor: 'x' }).success).toBe(false);
  });
});
