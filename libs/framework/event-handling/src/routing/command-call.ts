import type { CommandCall } from '@cqrs/framework-command-client';
import { deriveId } from '@cqrs/framework-command-handling';
import type { CloudEvent } from '@cqrs/framework-kafka';

/** One command for the service's own `cmdh`, mapped from an event: its call (`callOf`) and key. */
export type EventCommand = CommandCall & {
  /**
   * Tells apart the commands one event maps to (e.g. `hold`, `notify`). Part of the derived
   * Idempotency-Key, so it must stay the same for the same event from one release to the next.
   */
  readonly key: string;
};

/** Namespace of the command ids `evh` derives; see {@link idempotencyKeyFor}. */
export const evhIdNamespace = 'evh';

/**
 * The Idempotency-Key of the command `key` of `event`: derived from the event id, so a
 * redelivered or replayed event sends the same key and `cmdh` answers with the earlier result
 * instead of applying the command twice.
 */
export const idempotencyKeyFor = (event: Pick<CloudEvent, 'id'>, key: string): string =>
  deriveId(evhIdNamespace, `${event.id}:${key}`);

/**
 * Why a mapping's commands cannot be sent, or `undefined` when they can: every path absolute,
 * every key present and distinct (two commands with one key would share an Idempotency-Key,
 * and `cmdh` would answer the second with the first's result).
 */
export function invalidCommandCalls(calls: readonly EventCommand[]): string | undefined {
  const keys = new Set<string>();
  for (const call of calls) {
    if (!call.path.startsWith('/')) return `command path ${call.path} does not start with /`;
    if (call.key.length === 0) return `command ${call.method} ${call.path} has an empty key`;
    if (keys.has(call.key)) return `two commands share the key ${call.key}`;
    keys.add(call.key);
  }
  return undefined;
}
