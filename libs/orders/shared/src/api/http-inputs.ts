import { z } from 'zod';
import { customerIdSchema, orderIdSchema } from '../domain/fields';

// The headers of commands and conditional reads are the same for every service.
export {
  commandHeadersSchema,
  createCommandHeadersSchema,
  internalCommandHeadersSchema,
} from '@cqrs/framework-command-handling';
export { readHeadersSchema } from '@cqrs/framework-query-handling';

/** Path parameters of `/orders/{id}...`. */
export const orderParamsSchema = z.object({ id: orderIdSchema });

/** Path parameters of `/internal/...{customerId}...` (standings, a customer's orders). */
export const customerParamsSchema = z.object({ customerId: customerIdSchema });

/** Path parameters of `/customers/{id}/order-stats`. */
export const orderStatsParamsSchema = z.object({ id: customerIdSchema });
