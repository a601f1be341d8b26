import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { Actor } from '@cqrs/framework-core';
import { createLogger } from '@cqrs/framework-core';
import type { AggregateDefinition, Typed } from '../aggregate';
import type { CommandHandlerOptions } from '../command-handler';
import { createCommandHandler } from '../command-handler';
import { fingerprintOf } from '../identity';
import type { VersionedDocument } from '../stored-event';
import { createVersionedRepository } from '../versioned-repository';

/** A service's write model as its `cmdh` drives it, without the HTTP edge. */
export interface WriteModel<S, C extends Typed, E extends Typed, D extends VersionedDocument> {
  readonly collection: string;
  readonly aggregate: AggregateDefinition<S, C, E>;
  readonly toDocument: CommandHandlerOptions<S, C, E, D>['toDocument'];
  readonly fromDocument: (document: D) => S;
  /** The aggregate a command is for, e.g. `(command) => command.orderId`. */
  readonly aggregateIdOf: (command: C) => string;
}

/** The ids and the time a write recorded in its `lastEvent`. */
export interface WriteMeta {
  readonly actor: Actor;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly time: Date;
}

/** Writes commands of type `C`, see {@link pipelineWriter}. */
export interface PipelineWriter<C extends Typed> {
  /** Applies `command` as `actor`; throws if the domain refuses it (nothing is written then). */
  readonly write: (command: C, actor: Actor) => Promise<WriteMeta>;
}

/**
 * Writes to `db` exactly the way the service's `cmdh` does: through the framework's command
 * pipeline over the versioned collection (an insert on creation, version-guarded full replaces
 * after), so change streams see production's documents. Apps may not import each other; this is
 * what `chgh` and `evp` tests write with. With `start`, write n happens n minutes after it, so
 * every time in the trail is known; without, on the real clock.
 */
export function pipelineWriter<S, C extends Typed, E extends Typed, D extends VersionedDocument>(
  db: Db,
  model: WriteModel<S, C, E, D>,
  start?: Date,
): PipelineWriter<C> {
  let writes = 0;
  let now = start ?? new Date();
  const handler = createCommandHandler({
    aggregate: model.aggregate,
    store: createVersionedRepository<D>(db, model.collection),
    toDocument: model.toDocument,
    fromDocument: model.fromDocument,
    respond: (_state, version) => ({ status: 200, body: { version } }),
    logger: createLogger({ name: 'pipeline-writer', level: 'silent' }),
    now: () => now,
  });

  async function write(command: C, actor: Actor): Promise<WriteMeta> {
    now = start ? new Date(start.getTime() + writes++ * 60_000) : new Date();
    const meta: WriteMeta = {
      actor,
      commandId: randomUUID(),
      correlationId: `corr-${randomUUID()}`,
      causationId: `req-${randomUUID()}`,
      time: now,
    };
    // A refusal throws (an `AppError`), so a write that returns was applied.
    await handler.execute({
      aggregateId: model.aggregateIdOf(command),
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
