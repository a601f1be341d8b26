import { z } from 'zod';
import {
  currencySchema,
  customerIdSchema,
  isoTimeSchema,
  minorUnitsSchema,
  orderIdSchema,
  reasonSchema,
} from '../domain/fields';
import type { Order } from '../domain/order';
import { orderLineSchema, orderPaymentSchema } from '../domain/order';
import { heldFromSchema, orderStatusSchema } from '../domain/order-status';
import type { OrderDocument } from '../persistence/order-document';
import { fromOrderDocument } from '../persistence/order-document';

/** An order as the API returns it (`GET /orders/{id}`, command responses, lists). */
export const orderResourceSchema = z.object({
  id: orderIdSchema,
  customerId: customerIdSchema,
  status: orderStatusSchema,
  lines: z.array(orderLineSchema),
  currency: currencySchema,
  total: minorUnitsSchema.describe('Sum of quantity x unitPrice, in minor units'),
  heldFrom: heldFromSchema.nullable().describe('Where a release returns to, while on hold'),
  holdReason: reasonSchema.nullable().describe('Why the order is on hold, while on hold'),
  cancelReason: reasonSchema.nullable().describe('Why it was cancelled; payment_timeout if unpaid'),
  payment: orderPaymentSchema.describe("The payment provider's reference or failure reason"),
  version: z.number().int().positive().describe('Changes with every write; the ETag carries it'),
  placedAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
});

export type OrderResource = z.infer<typeof orderResourceSchema>;

/** The resource for `state` at `version` (what a command answers with). */
export function toOrderResource(state: Order, version: number): OrderResource {
  return {
    id: state.id,
    customerId: state.customerId,
    status: state.status,
    lines: state.lines.map((line) => ({ ...line })),
    currency: state.currency,
    total: state.total,
    heldFrom: state.heldFrom,
    holdReason: state.holdReason,
    cancelReason: state.cancelReason,
    payment: { ...state.payment },
    version,
    placedAt: state.placedAt.toISOString(),
    updatedAt: state.updatedAt.toISOString(),
  };
}

/** The resource for a stored document (what `qryh` answers with). */
export const orderDocumentToResource = (document: OrderDocument): OrderResource =>
  toOrderResource(fromOrderDocument(document), document.version);
