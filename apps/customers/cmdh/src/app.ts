import type { RunningApp } from '@cqrs/framework-core';
import { createServiceRuntime } from '@cqrs/framework-core';
import { applyIndexes, connectServiceMongo, scheduleOnOneReplica } from '@cqrs/framework-mongo';
import { customerIndexes } from '@cqrs/customers-shared';
import type { Config } from './config';
import { createCustomerCommands } from './customer-commands';
import { kycExpiryJob } from './kyc-expiry';
import { customerCommandRoutes } from './routes';

/** customers-cmdh: the customers commands over HTTP, and the KYC expiry job (one replica). */
export async function start(
  config: Config,
  options: { installSignalHandlers?: boolean } = {},
): Promise<RunningApp<Config>> {
  const runtime = createServiceRuntime(config, options);
  const { logger, metrics } = runtime;
  const mongo = await connectServiceMongo(runtime);
  await applyIndexes(mongo.db, customerIndexes, logger);

  const commands = createCustomerCommands({ db: mongo.db, logger, metrics });
  const expireKyc = kycExpiryJob({
    db: mongo.db,
    commands,
    expireAfterMs: config.KYC_EXPIRE_AFTER_MS,
    logger: logger.child({ module: 'kyc-expiry' }),
  });
  scheduleOnOneReplica(runtime, mongo.db, {
    name: 'kyc-expiry',
    everyMs: config.KYC_EXPIRY_INTERVAL_MS,
    leaseTtlMs: config.KYC_EXPIRY_LEASE_TTL_MS,
    task: expireKyc,
  });

  return runtime.serve({
    routes: customerCommandRoutes(commands),
    readiness: { mongo: () => mongo.ping() },
  });
}
