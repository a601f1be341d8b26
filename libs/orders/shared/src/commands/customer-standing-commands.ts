import { z } from 'zod';
import { standingSchema } from '../domain/customer-standing';
import { customerIdSchema, customerVersionSchema } from '../domain/fields';

/**
 * Records the standing a customer event implies (`orders-evh`, service only). Creates the
 * `CustomerStanding` on first use; `customerVersion` is the event's `sequence`.
 */
export const recordCustomerStandingSchema = z.strictObject({
  type: z.literal('RecordCustomerStanding'),
  customerId: customerIdSchema,
  standing: standingSchema,
  customerVersion: customerVersionSchema,
});

/** Every command the `CustomerStanding` aggregate decides on, keyed by `type`. */
export const customerStandingCommandSchema = z.discriminatedUnion('type', [
  recordCustomerStandingSchema,
]);

export type CustomerStandingCommand = z.infer<typeof customerStandingCommandSchema>;
export type RecordCustomerStanding = z.infer<typeof recordCustomerStandingSchema>;
