import { auditTrailProjection, startChangeHandlingApp } from '@cqrs/framework-change-handling';
import type { RunningApp } from '@cqrs/framework-core';
import { customerHistoryCollection, customersCollection } from '@cqrs/customers-shared';
import type { Config } from './config';

/**
 * customers-chgh: the customer audit trail (`customer_history`) from the `customers` change
 * stream, on one active replica.
 */
export const start = (
  config: Config,
  options: { installSignalHandlers?: boolean } = {},
): Promise<RunningApp<Config>> =>
  startChangeHandlingApp(
    config,
    {
      source: customersCollection,
      projections: (db, logger) => [auditTrailProjection(db, customerHistoryCollection, logger)],
    },
    options,
  );
