import type { Actor, Metrics } from '@cqrs/framework-core';
import { etagOf, versionFromIfMatch } from '@cqrs/framework-core';
import type { CommandOutcome, CommandRequest, CommandResult } from './command-handler';
import { deriveId, fingerprintOf } from './identity';

/** The parts of an HTTP command request the pipeline needs (see `RouteRequest`). */
export interface HttpCommandRequest {
  readonly params?: unknown;
  readonly body?: unknown;
  readonly headers: {
    readonly 'idempotency-key': string;
    readonly 'if-match'?: string | undefined;
  };
  readonly actor: Actor;
  readonly requestId: string;
  readonly correlationId: string;
}

/**
 * A client's Idempotency-Key, scoped to the client: two callers using the same key never see
 * each other's results.
 */
export const commandIdFromKey = (actor: Actor, key: string): string =>
  deriveId('idempotency-key', `${actor.sub}\0${key}`);

/**
 * Everything a command request carries besides the command itself: its id (from the
 * Idempotency-Key), a fingerprint of what was asked, the actor, the ids that tie it to the
 * request, and the version from `If-Match`.
 */
export function commandMetadata(
  operation: string,
  request: HttpCommandRequest,
): Omit<CommandRequest<never>, 'aggregateId' | 'command'> {
  const expectedVersion = versionFromIfMatch(request.headers['if-match']);
  return {
    commandId: commandIdFromKey(request.actor, request.headers['idempotency-key']),
    fingerprint: fingerprintOf({ operation, params: request.params, body: request.body }),
    actor: request.actor,
    correlationId: request.correlationId,
    causationId: request.requestId,
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
  };
}

/** `ETag` of the written version, and `Idempotent-Replayed` when this is an earlier answer. */
export const commandResponseHeaders = (
  result: CommandResult,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> => ({
  ...extra,
  ETag: etagOf(result.version),
  ...(result.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
});

/** Feeds command outcomes into the app's shared command metrics. */
export const observeCommands =
  (metrics: Pick<Metrics, 'commands' | 'commandDuration'>) =>
  (outcome: CommandOutcome): void => {
    metrics.commands.inc({
      command: outcome.command,
      outcome: outcome.outcome,
      reason: outcome.reason ?? 'none',
    });
    metrics.commandDuration.observe({ command: outcome.command }, outcome.seconds);
  };
