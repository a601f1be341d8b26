import { z } from 'zod';
import { domainEventSchema, storedEventParser } from '@cqrs/framework-command-handling';
import { standingSchema } from '../domain/customer-standing';
import { customerIdSchema, customerVersionSchema, isoTimeSchema } from '../domain/fields';

/**
 * The event types of the `CustomerStanding` aggregate. Internal to the orders service: they go
 * through the write model like any other (one atomic write with `lastEvent`), but `evp` streams
 * only the `orders` collection, so they are never published and not in the event catalog.
 */
export const customerStandingEventTypes = {
  recorded: 'customer_standing.recorded.v1',
} as const;

export type CustomerStandingEventType =
  (typeof customerStandingEventTypes)[keyof typeof customerStandingEventTypes];

/** `customer_standing.recorded.v1`: the standing a customer event of `customerVersion` implies. */
export const customerStandingRecordedDataSchema = z.object({
  customerId: customerIdSchema,
  occurredAt: isoTimeSchema,
  standing: standingSchema,
  customerVersion: customerVersionSchema,
});

/** Every event of the `CustomerStanding` aggregate, keyed by `type`. */
export const customerStandingEventSchema = z.discriminatedUnion('type', [
  domainEventSchema(customerStandingEventTypes.recorded, customerStandingRecordedDataSchema),
]);

export type CustomerStandingEvent = z.infer<typeof customerStandingEventSchema>;

/** Rebuilds and validates a stored standing event (`type` + `data`); throws for anything else. */
export const parseCustomerStandingEvent = storedEventParser(customerStandingEventSchema);
