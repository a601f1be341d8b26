import { z } from 'zod';
import { pageQueryShape, pageSchema } from '@cqrs/framework-query-handling';
import { customerStatusSchema } from '../domain/customer-status';
import { emailSchema } from '../domain/fields';
import { customerResourceSchema } from './customer-resource';

/**
 * `GET /customers` query: filter by status and/or email (matched lower-cased, like it is
 * stored), ordered by id. Strict: an unknown parameter is a 400 rather than an ignored filter.
 */
export const listCustomersQuerySchema = z.strictObject({
  status: customerStatusSchema.optional(),
  email: emailSchema.optional(),
  ...pageQueryShape,
});

export type ListCustomersQuery = z.infer<typeof listCustomersQuerySchema>;

/** `GET /customers` response. */
export const customerPageSchema = pageSchema(customerResourceSchema);

export type CustomerPage = z.infer<typeof customerPageSchema>;
