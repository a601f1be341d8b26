import { z } from 'zod';
import { customerIdSchema, customerVersionSchema } from './fields';

/**
 * A customer's standing as the orders service knows it: the customer's lifecycle status, learnt
 * from the customers service's events. Only `active` customers may place orders.
 */
export const standingSchema = z
  .enum(['pending_kyc', 'active', 'rejected', 'blocked', 'closed'])
  .describe("The customer's status as the orders service last heard it");

export type Standing = z.infer<typeof standingSchema>;

/** Every standing, in the customer's lifecycle order. */
export const standings: readonly Standing[] = standingSchema.options;

/**
 * The state of the `CustomerStanding` aggregate (id = customer id): the orders service's own copy
 * of one fact of another service, never looked up synchronously (DESIGN section 2).
 */
export const customerStandingSchema = z.object({
  customerId: customerIdSchema,
  standing: standingSchema,
  /**
   * The customer version (event `sequence`) this standing comes from. An event of an older or
   * the same version is refused, so a duplicate or out-of-order delivery never goes back.
   */
  lastCustomerVersion: customerVersionSchema,
  updatedAt: z.date(),
});

export type CustomerStanding = z.infer<typeof customerStandingSchema>;
