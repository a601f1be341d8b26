import { z } from 'zod';
import { customerStatusSchema } from './customer-status';
import {
  customerIdSchema,
  customerNameSchema,
  emailSchema,
  kycReferenceSchema,
  orderIdSchema,
  phoneSchema,
  reasonSchema,
} from './fields';

/** The KYC check of a customer: pending, or decided at a time with a reference or a reason. */
export const kycSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending') }),
  z.object({
    status: z.literal('approved'),
    decidedAt: z.date(),
    reference: kycReferenceSchema.nullable(),
  }),
  z.object({
    status: z.literal('rejected'),
    decidedAt: z.date(),
    /** The provider's reason, or `kyc_expired` when the expiry job gave up waiting. */
    reason: reasonSchema,
  }),
]);

export type Kyc = z.infer<typeof kycSchema>;

/**
 * The state of the `Customer` aggregate. Absent values are `null`, never `undefined`, so the
 * state survives a round trip through MongoDB and JSON unchanged.
 */
export const customerSchema = z.object({
  id: customerIdSchema,
  status: customerStatusSchema,
  name: customerNameSchema,
  email: emailSchema,
  phone: phoneSchema.nullable(),
  kyc: kycSchema,
  /** Why the customer is blocked; `null` unless `status` is `blocked`. */
  blockedReason: reasonSchema.nullable(),
  /** Orders the orders service reported open and not yet closed; `close` waits for none. */
  openOrderIds: z.array(orderIdSchema),
  registeredAt: z.date(),
  /** When the last event changed the customer. */
  updatedAt: z.date(),
});

export type Customer = z.infer<typeof customerSchema>;
