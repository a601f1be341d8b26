import type { z } from 'zod';
import { catalogResponse, catalogResponseSchemaFor } from '@cqrs/framework-event-publishing';
import { eventCatalog } from '../events/event-catalog';
import { orderEventTypes, ordersEventsTopic } from '../events/order-events';

// Replays are the same for every service.
export { replayEventsBodySchema, replayEventsResultSchema } from '@cqrs/framework-event-publishing';
export type { ReplayEventsBody, ReplayEventsResult } from '@cqrs/framework-event-publishing';

/** `GET /orders/events/types` response: the topic and every event type with its schema. */
export const eventCatalogResponseSchema = catalogResponseSchemaFor(orderEventTypes.shipped);

export type EventCatalogResponse = z.infer<typeof eventCatalogResponseSchema>;

/** The orders catalog: each data schema as JSON Schema, open to fields added later. */
export const toEventCatalogResponse = () => catalogResponse(ordersEventsTopic, eventCatalog);
