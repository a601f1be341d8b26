import { z } from 'zod';
import { orderIdSchema } from '../domain/fields';
import { orderStatusSchema } from '../domain/order-status';

/**
 * Response of `POST /internal/customers/{customerId}/orders/hold` and `/release`: every order
 * the command changed (or had changed, on a retry), with its new version and status. Empty when
 * the customer had no open (hold) or held (release) orders.
 */
export const customerOrdersChangedSchema = z.object({
  orders: z.array(
    z.object({
      id: orderIdSchema,
      version: z.number().int().positive(),
      status: orderStatusSchema,
    }),
  ),
});

export type CustomerOrdersChanged = z.infer<typeof customerOrdersChangedSchema>;
