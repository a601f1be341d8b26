import type { Db, OptionalUnlessRequiredId } from 'mongodb';
import { createAuditTrail } from '@cqrs/framework-change-handling';
import type { Actor } from '@cqrs/framework-core';
import { createLogger } from '@cqrs/framework-core';
import type {
  ProcessedCommand,
  StoredEvent,
  VersionedDocument,
} from '@cqrs/framework-command-handling';
import { recordProcessed } from '@cqrs/framework-command-handling';

/** An event as a service's domain emits it: a literal `type` and when it happened. */
interface DomainEvent {
  readonly type: string;
  readonly occurredAt: string;
}

/** How a service's aggregate is evolved and stored, as its `cmdh` and `chgh` do it. */
export interface SeededModel<S, E extends DomainEvent, D extends VersionedDocument> {
  /** The write-model collection, e.g. `customers`. */
  readonly collection: string;
  /** The audit-trail collection `chgh` keeps, e.g. `customer_history`. */
  readonly history: string;
  readonly evolve: (state: S | undefined, event: E) => S;
  readonly toDocument: (
    state: S,
    meta: { version: number; lastEvent: StoredEvent; processedCommands: ProcessedCommand[] },
  ) => D;
  /** The API resource a command answered with (kept for replays). */
  readonly toResource: (state: S, version: number) => unknown;
  /** The aggregate an event is about, e.g. `(event) => event.orderId`. */
  readonly aggregateIdOf: (event: E) => string;
}

/**
 * Seeds aggregates the way the service's `cmdh` writes them (state evolved from events, plus the
 * bookkeeping of every write, issued by `actor`) and their audit trail the way its `chgh` does
 * (the framework's trail over every version), so a `qryh` reads exactly what production holds.
 * Version n of aggregate `a` has event id `a:n`, command id `cmd-a-n`, correlation id `corr-a-n`
 * and, from version 2, causation id `cause-a-n`.
 */
export function historySeeder<S, E extends DomainEvent, D extends VersionedDocument>(
  db: Db,
  model: SeededModel<S, E, D>,
  actor: Actor,
): (events: readonly E[]) => Promise<D> {
  const documents = db.collection<D>(model.collection);
  const trail = createAuditTrail({
    db,
    collection: model.history,
    logger: createLogger({ name: 'seed', level: 'silent' }),
  });

  /** Applies `events` one write at a time; stores the last version and every version's entry. */
  return async (events) => {
    let state: S | undefined;
    const versions: D[] = [];
    for (const [index, event] of events.entries()) {
      const version = index + 1;
      const next = model.evolve(state, event);
      const id = model.aggregateIdOf(event);
      const { type, ...data } = event;
      const commandId = `cmd-${id}-${version}`;
      const lastEvent: StoredEvent = {
        id: `${id}:${version}`,
        type,
        aggregateId: id,
        version,
        time: new Date(event.occurredAt),
        data,
        actor: { sub: actor.sub, roles: [...actor.roles] },
        commandId,
        correlationId: `corr-${id}-${version}`,
        ...(version > 1 ? { causationId: `cause-${id}-${version}` } : {}),
      };
      const processedCommands = recordProcessed(versions.at(-1)?.processedCommands ?? [], {
        commandId,
        fingerprint: `fp-${commandId}`,
        version,
        status: version === 1 ? 201 : 200,
        body: model.toResource(next, version),
      });
      versions.push(model.toDocument(next, { version, lastEvent, processedCommands }));
      state = next;
    }
    const latest = versions.at(-1);
    if (!latest) throw new Error('an aggregate needs at least one event');
    await documents.insertOne(latest as OptionalUnlessRequiredId<D>);
    await trail.record(versions);
    return latest;
  };
}
