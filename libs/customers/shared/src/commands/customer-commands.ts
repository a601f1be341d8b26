import { z } from 'zod';
import {
  customerIdSchema,
  customerNameSchema,
  emailSchema,
  kycReferenceSchema,
  orderIdSchema,
  phoneSchema,
  reasonSchema,
} from '../domain/fields';
import { hasContactChange, contactChangeMessage } from './contact-change';

/** Builds a command schema: its literal `type`, the target customer and its own fields. */
const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), customerId: customerIdSchema, ...shape });

/** Creates a customer in `pending_kyc`. */
export const registerCustomerSchema = command('RegisterCustomer', {
  name: customerNameSchema,
  email: emailSchema,
  phone: phoneSchema.optional(),
});

/** Changes some contact details; `phone: null` removes the phone number. */
export const updateContactDetailsSchema = command('UpdateContactDetails', {
  name: customerNameSchema.optional(),
  email: emailSchema.optional(),
  phone: phoneSchema.nullable().optional(),
}).refine(hasContactChange, contactChangeMessage);

/** Blocks an active customer (actor needs the `risk` role). */
export const blockCustomerSchema = command('BlockCustomer', { reason: reasonSchema });

/** Lifts a block (actor needs the `risk` role). */
export const unblockCustomerSchema = command('UnblockCustomer', {});

/** Ends the relationship; refused while orders are open. */
export const closeCustomerSchema = command('CloseCustomer', {});

/** The KYC provider approved the customer. */
export const approveKycSchema = command('ApproveKyc', { reference: kycReferenceSchema.optional() });

/** The KYC provider rejected the customer. */
export const rejectKycSchema = command('RejectKyc', { reason: reasonSchema });

/** The expiry job gave up waiting for a KYC decision; rejects with reason `kyc_expired`. */
export const expireKycSchema = command('ExpireKyc', {});

/** The orders service opened an order for the customer. */
export const recordOrderOpenedSchema = command('RecordOrderOpened', { orderId: orderIdSchema });

/** The orders service closed (completed or cancelled) an order of the customer. */
export const recordOrderClosedSchema = command('RecordOrderClosed', { orderId: orderIdSchema });

/** Every command the `Customer` aggregate decides on, keyed by `type`. */
export const customerCommandSchema = z.discriminatedUnion('type', [
  registerCustomerSchema,
  updateContactDetailsSchema,
  blockCustomerSchema,
  unblockCustomerSchema,
  closeCustomerSchema,
  approveKycSchema,
  rejectKycSchema,
  expireKycSchema,
  recordOrderOpenedSchema,
  recordOrderClosedSchema,
]);

export type CustomerCommand = z.infer<typeof customerCommandSchema>;
export type CustomerCommandType = CustomerCommand['type'];
export type RegisterCustomer = z.infer<typeof registerCustomerSchema>;
export type UpdateContactDetails = z.infer<typeof updateContactDetailsSchema>;
export type BlockCustomer = z.infer<typeof blockCustomerSchema>;
export type UnblockCustomer = z.infer<typeof unblockCustomerSchema>;
export type CloseCustomer = z.infer<typeof closeCustomerSchema>;
export type ApproveKyc = z.infer<typeof approveKycSchema>;
export type RejectKyc = z.infer<typeof rejectKycSchema>;
export type ExpireKyc = z.infer<typeof expireKycSchema>;
export type RecordOrderOpened = z.infer<typeof recordOrderOpenedSchema>;
export type RecordOrderClosed = z.infer<typeof recordOrderClosedSchema>;

/** Every command type, for tables and metrics. */
export const customerCommandTypes: readonly CustomerCommandType[] =
  customerCommandSchema.options.map((option) => option.shape.type.value);
