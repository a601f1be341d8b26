import type { z } from 'zod';
import type { Order } from '../domain/order';
import { orderSchema } from '../domain/order';
import { isoTimeSchema } from '../domain/fields';

/**
 * An order's state as JSON, the way the audit trail records it after every version and the
 * history API returns it: the state with dates as ISO strings. Patches in the trail use these
 * paths (e.g. `/status`, `/payment/reference`).
 */
export const orderSnapshotSchema = orderSchema.extend({
  placedAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
});

export type OrderSnapshot = z.infer<typeof orderSnapshotSchema>;

/** The JSON form of `state`, identical to what `JSON.stringify` of its document gives. */
export function toOrderSnapshot(state: Order): OrderSnapshot {
  return {
    ...state,
    lines: state.lines.map((line) => ({ ...line })),
    payment: { ...state.payment },
    placedAt: state.placedAt.toISOString(),
    updatedAt: state.updatedAt.toISOString(),
  };
}
