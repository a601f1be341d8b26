import type { z } from 'zod';
import { historyEntrySchema } from '@cqrs/framework-change-handling';
import { customerIdSchema } from '../domain/fields';
import { customerSnapshotSchema } from './customer-snapshot';

export { jsonPatchOperationSchema, type JsonPatchOperation } from '@cqrs/framework-change-handling';

/**
 * One entry of the `customer_history` audit trail, as `customers-chgh` writes it (the
 * framework's audit entry): who changed the customer, through which command, and how.
 */
export const customerHistoryEntrySchema = historyEntrySchema(
  customerIdSchema,
  customerSnapshotSchema,
);

export type CustomerHistoryEntry = z.infer<typeof customerHistoryEntrySchema>;
