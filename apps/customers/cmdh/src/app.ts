import type { StartApp } from '@cqrs/framework-core';
import { customerIndexes } from '@cqrs/customers-shared';
import { startCommandHandlingApp } from '@cqrs/framework-command-handling';
import type { Config } from './config';
import { createCustomerCommands } from './customer-commands';
import { kycExpiryJob } from './kyc-expiry';
import { customerCommandRoutes } from './routes';

/** customers-cmdh: the customers commands over HTTP, and the KYC expiry job (one replica). */
export const start: StartApp<Config> = (config, options) =>
  startCommandHandlingApp(
    config,
    {
      indexes: customerIndexes,
      commands: createCustomerCommands,
      routes: customerCommandRoutes,
      jobs: [
        {
          name: 'kyc-expiry',
          everyMs: config.KYC_EXPIRY_INTERVAL_MS,
          leaseTtlMs: config.KYC_EXPIRY_LEASE_TTL_MS,
          task: (deps) => kycExpiryJob({ ...deps, expireAfterMs: config.KYC_EXPIRE_AFTER_MS }),
        },
      ],
    },
    options,
  );
