import { z } from 'zod';
import { customerIdSchema, kycReferenceSchema, reasonSchema } from '../domain/fields';

/** The KYC provider's name: its hook path segment and the `provider` of stored webhooks. */
export const kycProvider = 'kyc-provider';

// Provider payloads are not strict: providers add fields without asking their receivers.
const kycWebhookData = {
  customerId: customerIdSchema,
  checkId: kycReferenceSchema.optional(),
};

/** What the KYC provider posts to `POST /hooks/kyc-provider`: the outcome of a check. */
export const kycWebhookPayloadSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('kyc.approved'),
      data: z.object(kycWebhookData),
    }),
    z.object({
      type: z.literal('kyc.rejected'),
      data: z.object({ ...kycWebhookData, reason: reasonSchema }),
    }),
  ])
  .describe('A KYC check outcome, signed with Standard Webhooks');

export type KycWebhookPayload = z.output<typeof kycWebhookPayloadSchema>;
