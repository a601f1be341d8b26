import type { Order } from '../domain/order';
import { isFinalOrderStatus } from '../domain/order-status';
import type { OrderStats, OrderStatusBucket } from './order-stats';
import { emptyOrderStatusBuckets, orderStatsClosedLimit } from './order-stats';

/** `bucket` with one more (`sign` 1) or one fewer (`sign` -1) order of `total` in `currency`. */
function moved(
  bucket: OrderStatusBucket,
  currency: string,
  total: number,
  sign: 1 | -1,
): OrderStatusBucket {
  const { [currency]: before = 0, ...others } = bucket.totals;
  const after = Math.max(0, before + sign * total);
  return {
    count: Math.max(0, bucket.count + sign),
    totals: after === 0 ? others : { ...others, [currency]: after },
  };
}

/**
 * The stats of `order.customerId` after the order reached `version` (one change of the `orders`
 * change stream). Pure; the input is not changed. The order leaves the bucket of the status the
 * stats last recorded for it (none when new) and joins the one of its current status; once
 * closed it is no longer tracked but remembered as closed. A version the stats already hold,
 * or any change of a closed order, returns `stats` as is (see `orderStatsSchema`).
 */
export function applyOrderChange(
  stats: OrderStats | undefined,
  order: Order,
  version: number,
): OrderStats {
  const current = stats ?? {
    _id: order.customerId,
    byStatus: emptyOrderStatusBuckets(),
    openOrders: {},
    recentlyClosed: [],
    updatedAt: order.updatedAt,
  };
  if (current._id !== order.customerId) {
    throw new Error(
      `Order ${order.id} of ${order.customerId} is not in the stats of ${current._id}`,
    );
  }
  const previous = current.openOrders[order.id];
  const seen = previous
    ? version <= previous.version
    : current.recentlyClosed.some((closed) => closed.orderId === order.id);
  if (seen) return current;

  const byStatus = { ...current.byStatus };
  if (previous) {
    byStatus[previous.status] = moved(
      byStatus[previous.status],
      previous.currency,
      previous.total,
      -1,
    );
  }
  byStatus[order.status] = moved(byStatus[order.status], order.currency, order.total, 1);

  const { [order.id]: _moved, ...openOrders } = current.openOrders;
  const closed = isFinalOrderStatus(order.status);
  return {
    _id: current._id,
    byStatus,
    openOrders: closed
      ? openOrders
      : {
          ...openOrders,
          [order.id]: {
            status: order.status,
            version,
            currency: order.currency,
            total: order.total,
          },
        },
    recentlyClosed: closed
      ? [...current.recentlyClosed, { orderId: order.id, version }].slice(-orderStatsClosedLimit)
      : current.recentlyClosed,
    updatedAt: order.updatedAt,
  };
}
