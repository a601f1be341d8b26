import { z } from 'zod';

/**
 * Headers of a conditional read (see `matchesIfNoneMatch`). Not strict: requests carry many
 * other headers.
 */
export const readHeadersSchema = z.object({
  'if-none-match': z
    .string()
    .max(1000)
    .optional()
    .describe('ETag(s) the client holds; a match answers 304'),
});
