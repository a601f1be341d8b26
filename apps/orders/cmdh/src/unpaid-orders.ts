import type { Db } from 'mongodb';
import type { Logger } from '@cqrs/framework-core';
import { AppError } from '@cqrs/framework-core';
import { deriveId, fingerprintOf } from '@cqrs/framework-command-handling';
import type { OrderDocument } from '@cqrs/orders-shared';
import { ordersCollection } from '@cqrs/orders-shared';
import type { OrderCommands } from './order-commands';

const actor = { sub: 'orders-cmdh/unpaid-orders', roles: ['service'] } as const;

/**
 * Cancels every order still `placed` (unpaid) `timeoutMs` after it was placed, with reason
 * `payment_timeout`. The command id is derived from the order id, so a run repeated after a
 * crash replays instead of acting twice; an order paid or held meanwhile is refused by the domain.
 */
export function unpaidOrdersJob(deps: {
  db: Db;
  commands: OrderCommands;
  timeoutMs: number;
  logger: Logger;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const orders = deps.db.collection<OrderDocument>(ordersCollection);

  return async (signal: AbortSignal): Promise<void> => {
    const cutoff = new Date(now().getTime() - deps.timeoutMs);
    const overdue = orders
      .find({ status: 'placed', placedAt: { $lt: cutoff } }, { projection: { _id: 1 } })
      .sort({ status: 1, placedAt: 1 });
    let cancelled = 0;
    for await (const { _id: orderId } of overdue) {
      if (signal.aborted) break;
      const commandId = deriveId('unpaid-order', orderId);
      try {
        await deps.commands.execute({
          aggregateId: orderId,
          command: { type: 'CancelUnpaidOrder', orderId },
          commandId,
          fingerprint: fingerprintOf({ operation: 'cancelUnpaidOrder', orderId }),
          actor,
          correlationId: commandId,
        });
        cancelled++;
      } catch (error) {
        if (!AppError.is(error) || error.status >= 500) throw error;
        deps.logger.debug({ orderId, reason: error.details.reason }, 'unpaid cancel refused');
      }
    }
    if (cancelled > 0) deps.logger.info({ cancelled }, 'cancelled unpaid orders');
  };
}
