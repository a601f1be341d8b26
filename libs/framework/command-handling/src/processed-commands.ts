import type { ProcessedCommand } from './stored-event';

/** How many applied commands a document remembers by default. */
export const defaultProcessedCommandsLimit = 20;

/**
 * Appends `entry` to a document's `processedCommands` and keeps only the newest `max`, so the
 * idempotency record travels inside the same single-document write as the state change.
 *
 * Pure: returns a new array. An older entry with the same command id is dropped (the newest
 * wins), which keeps the list free of duplicates even if a caller records twice.
 *
 * The bound is a trade-off: a retry of a command older than the last `max` writes to the same
 * aggregate is no longer recognised. Clients retry within seconds; aggregates rarely see 20
 * writes in that time.
 */
export function recordProcessed(
  list: readonly ProcessedCommand[],
  entry: ProcessedCommand,
  max: number = defaultProcessedCommandsLimit,
): ProcessedCommand[] {
  if (!Number.isInteger(max) || max < 1) {
    throw new RangeError(`max must be a positive integer, got ${max}`);
  }
  const others = list.filter((processed) => processed.commandId !== entry.commandId);
  return [...others, entry].slice(-max);
}

/** The entry for `commandId` in a document's `processedCommands`, if it is still remembered. */
export function findProcessedIn(
  list: readonly ProcessedCommand[],
  commandId: string,
): ProcessedCommand | undefined {
  return list.find((processed) => processed.commandId === commandId);
}
