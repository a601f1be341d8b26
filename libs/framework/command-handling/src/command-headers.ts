import { z } from 'zod';

const idempotencyKey = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .describe('Client-chosen unique key; a retry with the same key returns the first result');

const ifMatch = z
  .string()
  .max(100)
  .optional()
  .describe('ETag the client last saw, e.g. "3"; a stale one answers 412');

// Header objects are not strict: requests carry many other headers. Together they give the
// headers `commandMetadata` reads (`HttpCommandRequest`).

/** Headers of a command that creates an aggregate. */
export const createCommandHeadersSchema = z.object({ 'idempotency-key': idempotencyKey });

/** Headers of a command on an existing aggregate issued by a client. */
export const commandHeadersSchema = z.object({
  'idempotency-key': idempotencyKey,
  'if-match': ifMatch,
});

/** Headers of a command issued service to service (the key is derived from the cause). */
export const internalCommandHeadersSchema = createCommandHeadersSchema;
