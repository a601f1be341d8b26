import { auditTrailProjection, startChangeHandlingApp } from '@cqrs/framework-change-handling';
import type { StartApp } from '@cqrs/framework-core';
import { customerHistoryCollection, customersService } from '@cqrs/customers-shared';
import type { Config } from './config';

/**
 * customers-chgh: the customer audit trail (`customer_history`) from the `customers` change
 * stream, on one active replica.
 */
export const start: StartApp<Config> = (config, options) =>
  startChangeHandlingApp(
    config,
    {
      source: customersService.writeModel,
      projections: (db, logger) => [auditTrailProjection(db, customerHistoryCollection, logger)],
    },
    options,
  );
