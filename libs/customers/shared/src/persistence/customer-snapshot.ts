import { z } from 'zod';
import type { Customer } from '../domain/customer';
import { customerSchema } from '../domain/customer';
import { isoTimeSchema, kycReferenceSchema, reasonSchema } from '../domain/fields';

/** The KYC check as JSON: dates are ISO strings. */
const kycSnapshotSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending') }),
  z.object({
    status: z.literal('approved'),
    decidedAt: isoTimeSchema,
    reference: kycReferenceSchema.nullable(),
  }),
  z.object({ status: z.literal('rejected'), decidedAt: isoTimeSchema, reason: reasonSchema }),
]);

/**
 * A customer's state as JSON, the way the audit trail records it after every version and the
 * history API returns it: the state with dates as ISO strings. Patches in the trail use these
 * paths (e.g. `/status`, `/kyc/decidedAt`).
 */
export const customerSnapshotSchema = customerSchema.extend({
  kyc: kycSnapshotSchema,
  registeredAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
});

export type CustomerSnapshot = z.infer<typeof customerSnapshotSchema>;

/** The JSON form of `state`, identical to what `JSON.stringify` of its document gives. */
export function toCustomerSnapshot(state: Customer): CustomerSnapshot {
  const { kyc } = state;
  return {
    ...state,
    kyc: kyc.status === 'pending' ? kyc : { ...kyc, decidedAt: kyc.decidedAt.toISOString() },
    registeredAt: state.registeredAt.toISOString(),
    updatedAt: state.updatedAt.toISOString(),
  };
}
