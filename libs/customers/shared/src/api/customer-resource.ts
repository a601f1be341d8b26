import { z } from 'zod';
import type { Customer } from '../domain/customer';
import { customerStatusSchema, kycStatusSchema } from '../domain/customer-status';
import {
  customerIdSchema,
  customerNameSchema,
  emailSchema,
  isoTimeSchema,
  kycReferenceSchema,
  phoneSchema,
  reasonSchema,
} from '../domain/fields';
import type { CustomerDocument } from '../persistence/customer-document';
import { fromDocument } from '../persistence/customer-document';

/** The KYC check as clients see it: one flat shape, `null` where a value does not apply. */
export const customerKycResourceSchema = z.object({
  status: kycStatusSchema,
  decidedAt: isoTimeSchema.nullable().describe('When the check was decided'),
  reason: reasonSchema.nullable().describe('Why it was rejected; kyc_expired when it timed out'),
  reference: kycReferenceSchema.nullable(),
});

/** A customer as the API returns it (`GET /customers/{id}`, command responses, lists). */
export const customerResourceSchema = z.object({
  id: customerIdSchema,
  status: customerStatusSchema,
  name: customerNameSchema,
  email: emailSchema,
  phone: phoneSchema.nullable(),
  kyc: customerKycResourceSchema,
  blockedReason: reasonSchema.nullable().describe('Why the customer is blocked, while blocked'),
  openOrders: z.number().int().nonnegative().describe('Open orders, as the orders service says'),
  version: z.number().int().positive().describe('Changes with every write; the ETag carries it'),
  registeredAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
});

export type CustomerResource = z.infer<typeof customerResourceSchema>;

/** The resource for `state` at `version` (what a command answers with). */
export function toCustomerResource(state: Customer, version: number): CustomerResource {
  const { kyc } = state;
  return {
    id: state.id,
    status: state.status,
    name: state.name,
    email: state.email,
    phone: state.phone,
    kyc: {
      status: kyc.status,
      decidedAt: kyc.status === 'pending' ? null : kyc.decidedAt.toISOString(),
      reason: kyc.status === 'rejected' ? kyc.reason : null,
      reference: kyc.status === 'approved' ? kyc.reference : null,
    },
    blockedReason: state.blockedReason,
    openOrders: state.openOrderIds.length,
    version,
    registeredAt: state.registeredAt.toISOString(),
    updatedAt: state.updatedAt.toISOString(),
  };
}

/** The resource for a stored document (what `qryh` answers with). */
export const customerDocumentToResource = (document: CustomerDocument): CustomerResource =>
  toCustomerResource(fromDocument(document), document.version);
