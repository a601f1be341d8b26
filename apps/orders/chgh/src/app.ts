import { auditTrailProjection, startChangeHandlingApp } from '@cqrs/framework-change-handling';
import type { StartApp } from '@cqrs/framework-core';
import { orderHistoryCollection, ordersReadModelRoutes, ordersService } from '@cqrs/orders-shared';
import type { Config } from './config';
import { orderStatsProjection } from './order-stats-projection';

/**
 * orders-chgh: the order audit trail (`order_history`) and the per-customer order stats
 * (`order_stats`, rebuildable by an operator) from the `orders` change stream, on one active
 * replica.
 */
export const start: StartApp<Config> = (config, options) =>
  startChangeHandlingApp(
    config,
    {
      source: ordersService.writeModel,
      projections: (db, logger) => [
        auditTrailProjection(db, orderHistoryCollection, logger),
        orderStatsProjection(db),
      ],
      readModelRoutes: ordersReadModelRoutes,
    },
    options,
  );
