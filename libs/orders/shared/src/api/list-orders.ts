import { z } from 'zod';
import { pageQueryShape, pageSchema } from '@cqrs/framework-query-handling';
import { customerIdSchema } from '../domain/fields';
import { orderStatusSchema } from '../domain/order-status';
import { orderResourceSchema } from './order-resource';

/**
 * `GET /orders` query: filter by customer and/or status, ordered by id. Strict: an unknown
 * parameter is a 400 rather than an ignored filter.
 */
export const listOrdersQuerySchema = z.strictObject({
  customerId: customerIdSchema.optional(),
  status: orderStatusSchema.optional(),
  ...pageQueryShape,
});

export type ListOrdersQuery = z.infer<typeof listOrdersQuerySchema>;

/** `GET /orders` response. */
export const orderPageSchema = pageSchema(orderResourceSchema);

export type OrderPage = z.infer<typeof orderPageSchema>;
