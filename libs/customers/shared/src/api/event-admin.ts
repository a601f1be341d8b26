import type { z } from 'zod';
import { catalogResponse, catalogResponseSchemaFor } from '@cqrs/framework-event-publishing';
import { customerEventTypes, customersEventsTopic } from '../events/customer-events';
import { eventCatalog } from '../events/event-catalog';

// Replays are the same for every service.
export { replayEventsBodySchema, replayEventsResultSchema } from '@cqrs/framework-event-publishing';
export type { ReplayEventsBody, ReplayEventsResult } from '@cqrs/framework-event-publishing';

/** `GET /customers/events/types` response: the topic and every event type with its schema. */
export const eventCatalogResponseSchema = catalogResponseSchemaFor(customerEventTypes.blocked);

export type EventCatalogResponse = z.infer<typeof eventCatalogResponseSchema>;

/** The customers catalog: each data schema as JSON Schema, open to fields added later. */
export const toEventCatalogResponse = () => catalogResponse(customersEventsTopic, eventCatalog);
