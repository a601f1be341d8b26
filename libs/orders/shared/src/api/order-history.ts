import type { z } from 'zod';
import {
  historyEntryResourceSchema,
  toHistoryEntryResource,
} from '@cqrs/framework-change-handling';
import { pageQuerySchema, pageSchema } from '@cqrs/framework-query-handling';
import { orderEventTypes } from '../events/order-events';
import type { OrderHistoryEntry } from '../persistence/order-history-entry';
import { orderSnapshotSchema } from '../persistence/order-snapshot';

/** `GET /orders/{id}/history` query: versions oldest first, keyset-paged. */
export const orderHistoryQuerySchema = pageQuerySchema;

export type OrderHistoryQuery = z.infer<typeof orderHistoryQuerySchema>;

/** One version of an order as the history API returns it. */
export const orderHistoryEntryResourceSchema = historyEntryResourceSchema(orderSnapshotSchema, {
  exampleEventType: orderEventTypes.shipped,
  state: 'The order at this version',
});

export type OrderHistoryEntryResource = z.infer<typeof orderHistoryEntryResourceSchema>;

/** `GET /orders/{id}/history` response. */
export const orderHistoryPageSchema = pageSchema(orderHistoryEntryResourceSchema);

export type OrderHistoryPage = z.infer<typeof orderHistoryPageSchema>;

/** The API form of a stored audit-trail entry. */
export const toOrderHistoryEntryResource: (entry: OrderHistoryEntry) => OrderHistoryEntryResource =
  toHistoryEntryResource;
