import { z } from 'zod';
import type { Metrics } from '@cqrs/framework-core';
import type { ChangeStreamSubscriberOptions } from './subscriber-options';

const idleCheckpointMs = z.coerce.number().int().min(100).max(3_600_000).default(10_000);

/**
 * The change-stream settings of a one-active app that cannot rebuild what it produced from the
 * current documents (`evp`, `extevp`: the events in between are gone), to spread into its
 * config schema. A lost position fails (and alerts) by default; `now` is the operator's
 * explicit choice to accept the gap.
 */
export const changeStreamConfigShape = {
  CHANGE_STREAM_HISTORY_LOST: z.enum(['fail', 'now']).default('fail'),
  /** How often a quiet stream saves the server's position; see `idleCheckpointMs`. */
  CHANGE_STREAM_IDLE_CHECKPOINT_MS: idleCheckpointMs,
};

/**
 * The change-stream settings of an app that can rebuild from the current documents (`chgh`):
 * by default it starts with a snapshot and recovers a lost position with another.
 */
export const snapshottingChangeStreamConfigShape = {
  CHANGE_STREAM_INITIAL: z.enum(['now', 'snapshot']).default('snapshot'),
  CHANGE_STREAM_HISTORY_LOST: z.enum(['fail', 'now', 'snapshot']).default('snapshot'),
  CHANGE_STREAM_IDLE_CHECKPOINT_MS: idleCheckpointMs,
};

/** The parsed settings of either shape (an app without snapshots has no `CHANGE_STREAM_INITIAL`). */
export type ChangeStreamConfig =
  | z.infer<z.ZodObject<typeof changeStreamConfigShape>>
  | z.infer<z.ZodObject<typeof snapshottingChangeStreamConfigShape>>;

/** A subscriber's policies from its app's config, a lost position counted in `metrics`. */
export function changeStreamPolicies(
  config: ChangeStreamConfig,
  metrics: Pick<Metrics, 'changeStreamHistoryLost'>,
): Pick<
  ChangeStreamSubscriberOptions<never>,
  'initial' | 'historyLost' | 'idleCheckpointMs' | 'onHistoryLost'
> {
  return {
    initial: 'CHANGE_STREAM_INITIAL' in config ? config.CHANGE_STREAM_INITIAL : 'now',
    historyLost: config.CHANGE_STREAM_HISTORY_LOST,
    idleCheckpointMs: config.CHANGE_STREAM_IDLE_CHECKPOINT_MS,
    onHistoryLost: ({ name }) => metrics.changeStreamHistoryLost.inc({ stream: name }),
  };
}

/** What {@link changeStreamPolicies} gives, for a pipeline to pass on to its subscriber. */
export type ChangeStreamPolicies = ReturnType<typeof changeStreamPolicies>;
