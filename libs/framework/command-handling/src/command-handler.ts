import type { Logger } from 'pino';
import type { Actor } from '@cqrs/framework-core';
import { AppError, traceContextOf } from '@cqrs/framework-core';
import type { AggregateDefinition, RejectionCode, Typed } from './aggregate';
import { refusalAmong } from './aggregate';
import type { AggregateStore } from './aggregate-store';
import { storeConflictReasons } from './aggregate-store';
import { idempotencyKeyReused } from './command-responses';
import { findProcessedIn, recordProcessed, type ProcessedBounds } from './processed-commands';
import type { ProcessedCommand, StoredEvent, VersionedDocument } from './stored-event';

/** One command to apply to one aggregate, with everything the write must record. */
export interface CommandRequest<C extends Typed> {
  readonly aggregateId: string;
  readonly command: C;
  /** From `Idempotency-Key`, or derived from the event / webhook id that caused the command. */
  readonly commandId: string;
  /** Digest of what was asked (see `fingerprintOf`); same id + other fingerprint is refused. */
  readonly fingerprint: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId?: string;
  /** From `If-Match`: the version the caller saw. A different current version answers 412. */
  readonly expectedVersion?: number;
}

/**
 * What the command produced, or what it produced the first time when `replayed`; `B` is the
 * body `respond` gives (the aggregate's resource).
 */
export interface CommandResult<B = unknown> {
  readonly status: number;
  readonly body: B;
  readonly version: number;
  readonly replayed: boolean;
}

export interface CommandHandlerOptions<
  S,
  C extends Typed,
  E extends Typed,
  D extends VersionedDocument,
  B = unknown,
> {
  readonly aggregate: AggregateDefinition<S, C, E>;
  readonly store: AggregateStore<D>;
  readonly toDocument: (
    state: S,
    meta: { version: number; lastEvent: StoredEvent; processedCommands: ProcessedCommand[] },
  ) => D;
  readonly fromDocument: (document: D) => S;
  /** The response for an accepted command (stored for replays): status and body. */
  readonly respond: (state: S, version: number, command: C) => { status: number; body: B };
  readonly logger: Logger;
  readonly now?: () => Date;
  /** How often a command is re-decided after losing a race to a concurrent write. */
  readonly maxAttempts?: number;
  /** How many applied command ids each aggregate remembers, and with their response body. */
  readonly remember?: ProcessedBounds;
  readonly observe?: (outcome: CommandOutcome) => void;
}

/** For metrics: what happened to a command and how long it took. */
export interface CommandOutcome {
  readonly command: string;
  readonly outcome: 'accepted' | 'rejected' | 'replayed';
  readonly reason?: string;
  readonly seconds: number;
}

const rejectionErrors: Record<
  RejectionCode,
  'rule_violated' | 'forbidden' | 'not_found' | 'conflict'
> = {
  rule_violated: 'rule_violated',
  forbidden: 'forbidden',
  not_found: 'not_found',
  conflict: 'conflict',
};

/**
 * The command-handling pipeline: load -> replay if already applied -> check the expected version
 * -> decide -> evolve -> one atomic write of state + `lastEvent` + the command id. Without a
 * pinned version, the first try skips the load and decides on no state: a command that creates
 * is then one insert, and anything else falls back to the load at once (see `attempt`). A write that
 * loses a race to a concurrent one is re-decided on fresh state (or answers 412 when the caller
 * pinned a version with `If-Match`), so every accepted command has exactly its one event.
 */
export function createCommandHandler<
  S,
  C extends Typed,
  E extends Typed,
  D extends VersionedDocument,
  B = unknown,
>(options: CommandHandlerOptions<S, C, E, D, B>): CommandHandler<C, B> {
  const { aggregate, store, logger } = options;
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 5;

  /**
   * One try. `assumeNew`: decide on no state and insert, without reading first; for a command
   * that creates, that saves the read. When the aggregate turns out to exist (the insert finds
   * its id taken) or the command needs one (refused on no state), the answer is `unread` and the
   * command is decided again on what is stored: replayed, refused or applied as before.
   */
  function attempt(request: CommandRequest<C>, assumeNew: false): Promise<CommandResult<B>>;
  function attempt(
    request: CommandRequest<C>,
    assumeNew: boolean,
  ): Promise<CommandResult<B> | typeof unread>;
  async function attempt(
    request: CommandRequest<C>,
    assumeNew: boolean,
  ): Promise<CommandResult<B> | typeof unread> {
    const document = assumeNew ? null : await store.find(request.aggregateId);
    const earlier = document && findProcessedIn(document.processedCommands, request.commandId);
    if (earlier) {
      if (earlier.fingerprint !== request.fingerprint) {
        throw new AppError(
          'rule_violated',
          'This Idempotency-Key was already used for a different request',
          {
            details: { reason: idempotencyKeyReused },
          },
        );
      }
      if ('body' in earlier) {
        return {
          status: earlier.status,
          // Stored from `respond` when the command was applied.
          body: earlier.body as B,
          version: earlier.version,
          replayed: true,
        };
      }
      // Its body is no longer kept (see recordProcessed): its status, with the resource now.
      const { body } = options.respond(
        options.fromDocument(document),
        document.version,
        request.command,
      );
      return { status: earlier.status, body, version: document.version, replayed: true };
    }
    if (
      request.expectedVersion !== undefined &&
      document &&
      document.version !== request.expectedVersion
    ) {
      throw new AppError(
        'precondition_failed',
        `The resource is at version ${document.version}, not ${request.expectedVersion}`,
        {
          details: { reason: 'stale_version', currentVersion: document.version },
        },
      );
    }
    const state = document ? options.fromDocument(document) : undefined;
    const time = now();
    const decision = aggregate.decide(state, request.command, { actor: request.actor, now: time });
    if (decision.kind === 'rejected') {
      if (assumeNew) return unread;
      throw new AppError(rejectionErrors[decision.code], decision.message, {
        details: { reason: decision.reason },
      });
    }
    const { type, ...data } = decision.event;
    const next = aggregate.evolve(state, decision.event);
    const version = (document?.version ?? 0) + 1;
    const lastEvent: StoredEvent = {
      id: `${request.aggregateId}:${version}`,
      type,
      aggregateId: request.aggregateId,
      version,
      time,
      data,
      actor: { sub: request.actor.sub, roles: [...request.actor.roles] },
      commandId: request.commandId,
      correlationId: request.correlationId,
      ...(request.causationId === undefined ? {} : { causationId: request.causationId }),
      ...traceContextOf(),
    };
    const response = options.respond(next, version, request.command);
    const processedCommands = recordProcessed(
      document?.processedCommands ?? [],
      { commandId: request.commandId, fingerprint: request.fingerprint, version, ...response },
      options.remember,
    );
    const written = options.toDocument(next, { version, lastEvent, processedCommands });
    try {
      if (document) await store.replace(written, document.version);
      else await store.insert(written);
    } catch (error) {
      if (!AppError.is(error, 'conflict')) throw error;
      const conflict = refusalAmong(error, Object.values(storeConflictReasons));
      if (conflict === undefined) throw error;
      if (conflict === storeConflictReasons.alreadyExists && assumeNew) return unread;
      throw new LostRace(error);
    }
    return { ...response, version, replayed: false };
  }

  /** Applies a command; throws `AppError` for refusals (4xx) and lost races beyond the budget. */
  async function execute(request: CommandRequest<C>): Promise<CommandResult<B>> {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    // A pinned version names an existing aggregate: read it first.
    let assumeNew = request.expectedVersion === undefined;
    for (let attemptNo = 1; ; attemptNo++) {
      try {
        const first = await attempt(request, assumeNew);
        assumeNew = false;
        // Not a lost race: the same try again, on what is stored.
        const result = first === unread ? await attempt(request, false) : first;
        options.observe?.({
          command: request.command.type,
          outcome: result.replayed ? 'replayed' : 'accepted',
          seconds: seconds(),
        });
        return result;
      } catch (error) {
        assumeNew = false;
        const lostRace = error instanceof LostRace;
        if (lostRace && request.expectedVersion !== undefined) {
          throw new AppError(
            'precondition_failed',
            'The resource changed since the version in If-Match',
            {
              cause: error.cause,
              details: { reason: 'stale_version' },
            },
          );
        }
        if (lostRace && attemptNo < maxAttempts) {
          logger.debug(
            { aggregateId: request.aggregateId, attempt: attemptNo },
            'lost a write race; re-deciding',
          );
          continue;
        }
        const failure = error instanceof LostRace ? error.cause : error;
        options.observe?.({
          command: request.command.type,
          outcome: 'rejected',
          reason: reasonOf(failure),
          seconds: seconds(),
        });
        throw failure;
      }
    }
  }

  return { execute };
}

/**
 * A write lost to a concurrent one (version moved on, or the aggregate was created meanwhile).
 * Kept apart from the domain's own refusals, which may use the same words (`already_exists`).
 */
class LostRace extends Error {
  constructor(override readonly cause: AppError) {
    super('lost a write race', { cause });
  }
}

/**
 * A try on no state could not decide (the aggregate exists, or the command needs it): decide it
 * on what is stored. A value, not an error: updates take this path on every call.
 */
const unread = Symbol('unread');

/** The metric label of a failure: the domain's reason when it gave one, else the error code. */
function reasonOf(error: unknown): string {
  if (!AppError.is(error)) return 'internal';
  return typeof error.details.reason === 'string' ? error.details.reason : error.code;
}

export type CommandHandler<C extends Typed, B = unknown> = {
  execute(request: CommandRequest<C>): Promise<CommandResult<B>>;
};
