import { z } from 'zod';
import { customerIdSchema, isoTimeSchema } from '../domain/fields';
import type { OrderStats } from '../persistence/order-stats';
import { emptyOrderStatusBuckets, orderStatusBucketsSchema } from '../persistence/order-stats';

/**
 * `GET /customers/{id}/order-stats` response: per status, how many orders the customer has and
 * their totals per currency (minor units). Eventually consistent: `orders-chgh` keeps it from
 * the change stream. A customer without orders has zero everywhere and `updatedAt` null.
 */
export const orderStatsResourceSchema = z.object({
  customerId: customerIdSchema,
  byStatus: orderStatusBucketsSchema.describe(
    'Per status: count and totals per currency, e.g. { "paid": { "count": 2, "totals": { "EUR": 4200 } } }',
  ),
  updatedAt: isoTimeSchema.nullable().describe('When the last order change counted happened'),
});

export type OrderStatsResource = z.infer<typeof orderStatsResourceSchema>;

/** The resource for the stats document of `customerId`, or for none yet. */
export function toOrderStatsResource(
  customerId: string,
  stats: OrderStats | null | undefined,
): OrderStatsResource {
  return {
    customerId,
    byStatus: stats ? structuredClone(stats.byStatus) : emptyOrderStatusBuckets(),
    updatedAt: stats ? stats.updatedAt.toISOString() : null,
  };
}
