import { ifMatchHeaderSchema, notBlankPattern } from '@cqrs/framework-core';
import { z } from 'zod';

// Trimmed, so a whitespace-only key would be empty: the pattern documents that it must not be
// blank, which `.trim().min(1)` enforces but JSON Schema's `minLength` cannot say.
const idempotencyKey = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(notBlankPattern, 'must not be blank')
  .describe('Client-chosen unique key; a retry with the same key returns the first result');

// Header objects are not strict: requests carry many other headers. Together they give the
// headers `commandMetadata` reads (`HttpCommandRequest`).

/** Headers of a command that creates an aggregate. */
export const createCommandHeadersSchema = z.object({ 'idempotency-key': idempotencyKey });

/**
 * Headers of a command on an existing aggregate issued by a client. `If-Match` is documented by
 * the pattern the command pipeline enforces (anything else answers 400 `malformed_if_match`).
 */
export const commandHeadersSchema = z.object({
  'idempotency-key': idempotencyKey,
  'if-match': ifMatchHeaderSchema,
});

/** Headers of a command issued service to service (the key is derived from the cause). */
export const internalCommandHeadersSchema = createCommandHeadersSchema;
