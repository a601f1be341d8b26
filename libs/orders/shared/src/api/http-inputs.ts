import { z } from 'zod';
import { customerIdSchema, orderIdSchema } from '../domain/fields';

/** Path parameters of `/orders/{id}...`. */
export const orderParamsSchema = z.object({ id: orderIdSchema });

/** Path parameters of `/internal/...{customerId}...` (standings, a customer's orders). */
export const customerParamsSchema = z.object({ customerId: customerIdSchema });

/** Path parameters of `/customers/{id}/order-stats`. */
export const orderStatsParamsSchema = z.object({ id: customerIdSchema });

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

// Header objects are not strict: requests carry many other headers.

/** Headers of a command that creates an order. */
export const createCommandHeadersSchema = z.object({ 'idempotency-key': idempotencyKey });

/** Headers of a command on an existing order issued by a client. */
export const commandHeadersSchema = z.object({
  'idempotency-key': idempotencyKey,
  'if-match': ifMatch,
});

/** Headers of a command issued service to service (the key is derived from the cause). */
export const internalCommandHeadersSchema = createCommandHeadersSchema;

/** Headers of a conditional read. */
export const readHeadersSchema = z.object({
  'if-none-match': z
    .string()
    .max(1000)
    .optional()
    .describe('ETag(s) the client holds; a match answers 304'),
});
