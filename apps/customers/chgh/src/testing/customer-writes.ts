import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { Actor } from '@cqrs/framework-core';
import { createLogger } from '@cqrs/framework-core';
import { createCommandHandler, fingerprintOf } from '@cqrs/framework-command-handling';
import { createVersionedRepository } from '@cqrs/framework-mongo';
import type { CustomerCommand, CustomerDocument } from '@cqrs/customers-shared';
import {
  customerAggregate,
  customersCollection,
  fromDocument,
  toCustomerResource,
  toDocument,
} from '@cqrs/customers-shared';

/** The ids a write recorded in its `lastEvent`, to compare with the audit trail. */
export interface WriteMeta {
  readonly actor: Actor;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly time: Date;
}

/**
 * Writes customers the way customers-cmdh does: its command pipeline over the versioned
 * `customers` collection (insert on creation, version-guarded full replaces after). Apps may not
 * import each other, so this is the wiring of cmdh's `createCustomerCommands` without its HTTP
 * edge. Write n happens n minutes after `start`, so every time in the trail is known.
 */
export function customerWrites(db: Db, start = new Date('2026-01-05T09:00:00.000Z')) {
  let writes = 0;
  let now = start;
  const handler = createCommandHandler({
    aggregate: customerAggregate,
    store: createVersionedRepository<CustomerDocument>(db, customersCollection),
    toDocument,
    fromDocument,
    respond: (state, version) => ({ status: 200, body: toCustomerResource(state, version) }),
    logger: createLogger({ name: 'customer-writes', level: 'silent' }),
    now: () => now,
  });

  /** Applies `command` as `actor`; fails the test if the domain refuses it. */
  async function write(command: CustomerCommand, actor: Actor): Promise<WriteMeta> {
    now = new Date(start.getTime() + writes++ * 60_000);
    const meta = {
      actor,
      commandId: randomUUID(),
      correlationId: `corr-${randomUUID()}`,
      causationId: `req-${randomUUID()}`,
      time: now,
    };
    await handler.execute({
      aggregateId: command.customerId,
      command,
      commandId: meta.commandId,
      fingerprint: fingerprintOf(command),
      actor,
      correlationId: meta.correlationId,
      causationId: meta.causationId,
    });
    return meta;
  }
  return { write };
}
