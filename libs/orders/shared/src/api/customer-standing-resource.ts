import { z } from 'zod';
import type { CustomerStanding } from '../domain/customer-standing';
import { standingSchema } from '../domain/customer-standing';
import { customerIdSchema, customerVersionSchema, isoTimeSchema } from '../domain/fields';

/** A customer's standing as `POST /internal/customer-standings/{customerId}` answers it. */
export const customerStandingResourceSchema = z.object({
  customerId: customerIdSchema,
  standing: standingSchema,
  customerVersion: customerVersionSchema.describe('The customer version last recorded'),
  version: z.number().int().positive().describe('Version of the standing document'),
  updatedAt: isoTimeSchema,
});

export type CustomerStandingResource = z.infer<typeof customerStandingResourceSchema>;

/** The resource for `state` at `version`. */
export const toCustomerStandingResource = (
  state: CustomerStanding,
  version: number,
): CustomerStandingResource => ({
  customerId: state.customerId,
  standing: state.standing,
  customerVersion: state.lastCustomerVersion,
  version,
  updatedAt: state.updatedAt.toISOString(),
});
