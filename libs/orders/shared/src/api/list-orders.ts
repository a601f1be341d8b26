import { z } from 'zod';
import { customerIdSchema } from '../domain/fields';
import { orderStatusSchema } from '../domain/order-status';
import { orderResourceSchema } from './order-resource';
import { cursorSchema, limitSchema, pageSchema } from './page';

/**
 * `GET /orders` query: filter by customer and/or status, ordered by id. Strict: an unknown
 * parameter is a 400 rather than an ignored filter.
 */
export const listOrdersQuerySchema = z.strictObject({
  customerId: customerIdSchema.optional(),
  status: orderStatusSchema.optional(),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});

export type ListOrdersQuery = z.infer<typeof listOrdersQuerySchema>;

/** `GET /orders` response. */
export const orderPageSchema = pageSchema(orderResourceSchema);

export type OrderPage = z.infer<typeof orderPageSchema>;
