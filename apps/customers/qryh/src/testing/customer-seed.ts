import type { Db } from 'mongodb';
import type { StoredEvent } from '@cqrs/framework-command-handling';
import { recordProcessed } from '@cqrs/framework-command-handling';
import { createAuditTrail } from '@cqrs/framework-change-handling';
import { createLogger } from '@cqrs/framework-core';
import type { Customer, CustomerDocument, CustomerEvent } from '@cqrs/customers-shared';
import {
  customerHistoryCollection,
  customersCollection,
  evolveCustomer,
  toCustomerResource,
  toDocument,
} from '@cqrs/customers-shared';

export const t0 = new Date('2025-03-01T09:00:00.000Z');

/** `minutes` after `t0`, as events carry it. */
export const at = (minutes: number): string =>
  new Date(t0.getTime() + minutes * 60_000).toISOString();

/** Who issued every seeded command (shows up in the history). */
export const seedActor = { sub: 'clerk-7', roles: ['customer_support'] };

/**
 * Writes customers the way customers-cmdh does (state evolved from events, plus the bookkeeping
 * of every write) and their audit trail the way customers-chgh does (the framework's trail over
 * every version), so the app reads exactly what production holds.
 */
export function customerSeeder(db: Db) {
  const customers = db.collection<CustomerDocument>(customersCollection);
  const trail = createAuditTrail({
    db,
    collection: customerHistoryCollection,
    logger: createLogger({ name: 'seed', level: 'silent' }),
  });

  /** Applies `events` one write at a time; stores the last version and every version's entry. */
  async function seed(events: readonly CustomerEvent[]): Promise<CustomerDocument> {
    let state: Customer | undefined;
    const versions: CustomerDocument[] = [];
    for (const [index, event] of events.entries()) {
      const version = index + 1;
      const next = evolveCustomer(state, event);
      const { type, ...data } = event;
      const commandId = `cmd-${event.customerId}-${version}`;
      const lastEvent: StoredEvent = {
        id: `${event.customerId}:${version}`,
        type,
        aggregateId: event.customerId,
        version,
        time: new Date(event.occurredAt),
        data,
        actor: seedActor,
        commandId,
        correlationId: `corr-${event.customerId}-${version}`,
        ...(version > 1 ? { causationId: `cause-${event.customerId}-${version}` } : {}),
      };
      const processedCommands = recordProcessed(versions.at(-1)?.processedCommands ?? [], {
        commandId,
        fingerprint: `fp-${commandId}`,
        version,
        status: version === 1 ? 201 : 200,
        body: toCustomerResource(next, version),
      });
      versions.push(toDocument(next, { version, lastEvent, processedCommands }));
      state = next;
    }
    const latest = versions.at(-1);
    if (!latest) throw new Error('a customer needs at least one event');
    await customers.insertOne(latest);
    await trail.record(versions);
    return latest;
  }

  return { seed };
}

/** `customer.registered.v1` of `customerId` at minute `minute`. */
export const registered = (customerId: string, email: string, minute = 0): CustomerEvent => ({
  type: 'customer.registered.v1',
  customerId,
  occurredAt: at(minute),
  name: `Customer ${customerId}`,
  email,
  phone: '+441234567890',
});

export const approved = (customerId: string, minute = 1): CustomerEvent => ({
  type: 'customer.kyc_approved.v1',
  customerId,
  occurredAt: at(minute),
  reference: `kyc-${customerId}`,
});

export const blocked = (customerId: string, minute = 2): CustomerEvent => ({
  type: 'customer.blocked.v1',
  customerId,
  occurredAt: at(minute),
  reason: 'chargebacks',
});
