import type { Db } from 'mongodb';
import type { Logger } from '@cqrs/framework-core';
import { AppError } from '@cqrs/framework-core';
import { deriveId, fingerprintOf } from '@cqrs/framework-command-handling';
import type { CustomerDocument } from '@cqrs/customers-shared';
import { customersCollection } from '@cqrs/customers-shared';
import type { CustomerCommands } from './customer-commands';

const actor = { sub: 'customers-cmdh/kyc-expiry', roles: ['service'] } as const;

/**
 * Rejects every customer whose KYC is still pending `expireAfterMs` after registration, with
 * reason `kyc_expired`. The command id is derived from the customer id, so a run repeated after
 * a crash replays instead of acting twice; a KYC decided meanwhile is refused by the domain.
 */
export function kycExpiryJob(deps: {
  db: Db;
  commands: CustomerCommands;
  expireAfterMs: number;
  logger: Logger;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const customers = deps.db.collection<CustomerDocument>(customersCollection);

  return async (signal: AbortSignal): Promise<void> => {
    const cutoff = new Date(now().getTime() - deps.expireAfterMs);
    const overdue = customers
      .find({ status: 'pending_kyc', registeredAt: { $lt: cutoff } }, { projection: { _id: 1 } })
      .sort({ status: 1, registeredAt: 1 });
    let expired = 0;
    for await (const { _id: customerId } of overdue) {
      if (signal.aborted) break;
      const commandId = deriveId('kyc-expiry', customerId);
      try {
        await deps.commands.execute({
          aggregateId: customerId,
          command: { type: 'ExpireKyc', customerId },
          commandId,
          fingerprint: fingerprintOf({ operation: 'expireKyc', customerId }),
          actor,
          correlationId: commandId,
        });
        expired++;
      } catch (error) {
        if (!AppError.is(error) || error.status >= 500) throw error;
        deps.logger.debug({ customerId, reason: error.details.reason }, 'KYC expiry refused');
      }
    }
    if (expired > 0) deps.logger.info({ expired }, 'expired pending KYC checks');
  };
}
