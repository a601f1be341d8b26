import { z } from 'zod';
import { orderIdSchema, paymentReferenceSchema, reasonSchema } from '../domain/fields';

/** The payment provider's name: its hook path segment and the `provider` of stored webhooks. */
export const paymentProvider = 'payment-provider';

// Provider payloads are not strict: providers add fields without asking their receivers.
/** What the payment provider posts to `POST /hooks/payment-provider`: a payment's outcome. */
export const paymentWebhookPayloadSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('payment.succeeded'),
      data: z.object({ orderId: orderIdSchema, reference: paymentReferenceSchema }),
    }),
    z.object({
      type: z.literal('payment.failed'),
      data: z.object({ orderId: orderIdSchema, reason: reasonSchema }),
    }),
  ])
  .describe('A payment outcome, signed with Standard Webhooks');

export type PaymentWebhookPayload = z.output<typeof paymentWebhookPayloadSchema>;
