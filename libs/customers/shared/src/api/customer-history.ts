import type { z } from 'zod';
import {
  historyEntryResourceSchema,
  toHistoryEntryResource,
} from '@cqrs/framework-change-handling';
import { pageQuerySchema, pageSchema } from '@cqrs/framework-query-handling';
import { customerEventTypes } from '../events/customer-events';
import type { CustomerHistoryEntry } from '../persistence/customer-history-entry';
import { customerSnapshotSchema } from '../persistence/customer-snapshot';

/** `GET /customers/{id}/history` query: versions oldest first, keyset-paged. */
export const customerHistoryQuerySchema = pageQuerySchema;

export type CustomerHistoryQuery = z.infer<typeof customerHistoryQuerySchema>;

/** One version of a customer as the history API returns it. */
export const customerHistoryEntryResourceSchema = historyEntryResourceSchema(
  customerSnapshotSchema,
  { exampleEventType: customerEventTypes.blocked, state: 'The customer at this version' },
);

export type CustomerHistoryEntryResource = z.infer<typeof customerHistoryEntryResourceSchema>;

/** `GET /customers/{id}/history` response. */
export const customerHistoryPageSchema = pageSchema(customerHistoryEntryResourceSchema);

export type CustomerHistoryPage = z.infer<typeof customerHistoryPageSchema>;

/** The API form of a stored audit-trail entry. */
export const toCustomerHistoryEntryResource: (
  entry: CustomerHistoryEntry,
) => CustomerHistoryEntryResource = toHistoryEntryResource;
