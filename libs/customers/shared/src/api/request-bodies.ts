import { z } from 'zod';
import { contactChangeMessage, hasContactChange } from '../commands/contact-change';
import {
  customerNameSchema,
  emailSchema,
  kycReferenceSchema,
  phoneSchema,
  reasonSchema,
} from '../domain/fields';

// Request bodies are strict: an unknown field is a 400, so a typo never passes as "no change".

/** `POST /customers`. */
export const registerCustomerBodySchema = z.strictObject({
  name: customerNameSchema,
  email: emailSchema,
  phone: phoneSchema.optional(),
});

/** `PATCH /customers/{id}`: at least one field; `phone: null` removes the phone number. */
export const updateContactDetailsBodySchema = z
  .strictObject({
    name: customerNameSchema.optional(),
    email: emailSchema.optional(),
    phone: phoneSchema.nullable().optional(),
  })
  .refine(hasContactChange, contactChangeMessage)
  // The refinement is invisible to JSON Schema; say the same thing there for the OpenAPI doc.
  .meta({ minProperties: 1 });

/** `POST /customers/{id}/block`. */
export const blockCustomerBodySchema = z.strictObject({ reason: reasonSchema });

/** `POST /internal/customers/{id}/kyc/approve`. */
export const approveKycBodySchema = z.strictObject({ reference: kycReferenceSchema.optional() });

/** `POST /internal/customers/{id}/kyc/reject`. */
export const rejectKycBodySchema = z.strictObject({ reason: reasonSchema });

export type RegisterCustomerBody = z.infer<typeof registerCustomerBodySchema>;
export type UpdateContactDetailsBody = z.infer<typeof updateContactDetailsBodySchema>;
export type BlockCustomerBody = z.infer<typeof blockCustomerBodySchema>;
export type ApproveKycBody = z.infer<typeof approveKycBodySchema>;
export type RejectKycBody = z.infer<typeof rejectKycBodySchema>;
