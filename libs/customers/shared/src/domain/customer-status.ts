import { z } from 'zod';

/**
 * Where a customer is in its life (DESIGN section 2):
 * `pending_kyc -> active | rejected`, `active -> blocked | closed`, `blocked -> active | closed`.
 * `rejected` and `closed` are final.
 */
export const customerStatusSchema = z
  .enum(['pending_kyc', 'active', 'rejected', 'blocked', 'closed'])
  .describe('Lifecycle status of the customer');

export type CustomerStatus = z.infer<typeof customerStatusSchema>;

/** Every status, in lifecycle order. */
export const customerStatuses: readonly CustomerStatus[] = customerStatusSchema.options;

/** The outcome of the KYC check so far. */
export const kycStatusSchema = z.enum(['pending', 'approved', 'rejected']).describe('KYC status');

export type KycStatus = z.infer<typeof kycStatusSchema>;

/** The `reason` of a KYC rejection issued by the expiry job rather than the provider. */
export const kycExpiredReason = 'kyc_expired';

/** The role an actor needs to block or unblock a customer. */
export const riskRole = 'risk';
