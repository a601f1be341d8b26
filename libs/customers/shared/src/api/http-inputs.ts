import { z } from 'zod';
import { customerIdSchema, orderIdSchema } from '../domain/fields';

// The headers of commands and conditional reads are the same for every service.
export {
  commandHeadersSchema,
  createCommandHeadersSchema,
  internalCommandHeadersSchema,
} from '@cqrs/framework-command-handling';
export { readHeadersSchema } from '@cqrs/framework-query-handling';

/** Path parameters of `/customers/{id}...`. */
export const customerParamsSchema = z.object({ id: customerIdSchema });

/** Path parameters of `/internal/customers/{id}/orders/{orderId}/...`. */
export const customerOrderParamsSchema = z.object({ id: customerIdSchema, orderId: orderIdSchema });
