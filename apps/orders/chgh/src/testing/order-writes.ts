import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { Actor } from '@cqrs/framework-core';
import { createLogger } from '@cqrs/framework-core';
import { createCommandHandler, fingerprintOf } from '@cqrs/framework-command-handling';
import { createVersionedRepository } from '@cqrs/framework-mongo';
import type { OrderCommand, OrderDocument } from '@cqrs/orders-shared';
import {
  fromOrderDocument,
  orderAggregate,
  ordersCollection,
  toOrderDocument,
  toOrderResource,
} from '@cqrs/orders-shared';

/** The ids a write recorded in its `lastEvent`, to compare with the audit trail. */
export interface WriteMeta {
  readonly actor: Actor;
  readonly commandId: string;
  readonly correlationId: string;
  readonly time: Date;
}

/**
 * Writes orders the way orders-cmdh does: its command pipeline over the versioned `orders`
 * collection. Apps may not import each other, so this is cmdh's wiring without its HTTP edge.
 * Write n happens n minutes after `start`, so every time in the trail is known.
 */
export function orderWrites(db: Db, start = new Date('2026-02-02T10:00:00.000Z')) {
  let writes = 0;
  let now = start;
  const handler = createCommandHandler({
    aggregate: orderAggregate,
    store: createVersionedRepository<OrderDocument>(db, ordersCollection),
    toDocument: toOrderDocument,
    fromDocument: fromOrderDocument,
    respond: (state, version) => ({ status: 200, body: toOrderResource(state, version) }),
    logger: createLogger({ name: 'order-writes', level: 'silent' }),
    now: () => now,
  });

  /** Applies `command` as `actor`; throws if the domain refuses it. */
  async function write(command: OrderCommand, actor: Actor): Promise<WriteMeta> {
    now = new Date(start.getTime() + writes++ * 60_000);
    const meta = {
      actor,
      commandId: randomUUID(),
      correlationId: `corr-${randomUUID()}`,
      time: now,
    };
    const result = await handler.execute({
      aggregateId: command.orderId,
      command,
      commandId: meta.commandId,
      fingerprint: fingerprintOf(command),
      actor,
      correlationId: meta.correlationId,
    });
    if (result.status !== 200) {
      throw new Error(`${command.type} was refused: ${JSON.stringify(result)}`);
    }
    return meta;
  }
  return { write };
}
