import type { z } from 'zod';
import { historyEntrySchema } from '@cqrs/framework-change-handling';
import { orderIdSchema } from '../domain/fields';
import { orderSnapshotSchema } from './order-snapshot';

export { jsonPatchOperationSchema, type JsonPatchOperation } from '@cqrs/framework-change-handling';

/**
 * One entry of the `order_history` audit trail, as `orders-chgh` writes it (the framework's
 * audit entry): who changed the order, through which command, and how.
 */
export const orderHistoryEntrySchema = historyEntrySchema(orderIdSchema, orderSnapshotSchema);

export type OrderHistoryEntry = z.infer<typeof orderHistoryEntrySchema>;
