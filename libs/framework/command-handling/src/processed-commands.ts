import type { ProcessedCommand } from './stored-event';

/** How many applied commands a document remembers by default. */
export const defaultProcessedCommandsLimit = 20;

/** How many of those keep their response body by default (the newest). */
export const defaultProcessedBodiesLimit = 5;

/** Bounds of a document's `processedCommands`. */
export interface ProcessedBounds {
  /** Entries kept: command ids recognised, so a retry is never applied twice. */
  readonly max?: number;
  /** Of those, the newest that keep their response body, replayed as it was. */
  readonly bodies?: number;
}

/**
 * Appends `entry` to a document's `processedCommands` and keeps only the newest `max`, so the
 * idempotency record travels inside the same single-document write as the state change. Only the
 * newest `bodies` keep their response body; older entries keep the id, fingerprint, version and
 * status. Every replace rewrites the list, so the bodies are what make a document heavy.
 *
 * Pure: returns a new array. An older entry with the same command id is dropped (the newest
 * wins), which keeps the list free of duplicates even if a caller records twice.
 *
 * The bounds are a trade-off: a retry of a command older than the last `max` writes to the same
 * aggregate is no longer recognised, and one older than the last `bodies` writes is answered
 * with its status and the resource as it is now. Clients retry within seconds; aggregates rarely
 * see 5 writes in that time, and event handlers redelivering later need only the status.
 */
export function recordProcessed(
  list: readonly ProcessedCommand[],
  entry: ProcessedCommand,
  {
    max = defaultProcessedCommandsLimit,
    bodies = defaultProcessedBodiesLimit,
  }: ProcessedBounds = {},
): ProcessedCommand[] {
  for (const [name, value] of [
    ['max', max],
    ['bodies', bodies],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`${name} must be a positive integer, got ${value}`);
    }
  }
  const others = list.filter((processed) => processed.commandId !== entry.commandId);
  const kept = [...others, entry].slice(-max);
  return kept.map((processed, index) => {
    if (index >= kept.length - bodies || !('body' in processed)) return processed;
    const { body: _dropped, ...withoutBody } = processed;
    return withoutBody;
  });
}

/** The entry for `commandId` in a document's `processedCommands`, if it is still remembered. */
export function findProcessedIn(
  list: readonly ProcessedCommand[],
  commandId: string,
): ProcessedCommand | undefined {
  return list.find((processed) => processed.commandId === commandId);
}
