import { z } from 'zod';
import { AppError } from '@cqrs/framework-core';
import type { JobKind } from '@cqrs/framework-jobs';
import { capWindowAt, timeWindowShape, windowInOrder, windowMessage } from '@cqrs/framework-jobs';
import { parkReasonCodeSchema } from '../api/parked-event-resource';
import type { EventHandler } from '../consumer/event-handler';
import type { ParkedEvent } from '../parking/parked-event';
import type { ParkedEventStore } from '../parking/parked-event-store';
import { parkedEventQuery } from '../parking/parked-event-store';

/** The event type filter: a CloudEvents type. */
export const eventTypeFilterSchema = z.string().min(1).max(200).describe('Only this event type');

/** Which parked events a bulk replay takes: those parked now that match every field given. */
export const parkedReplayFilterSchema = z
  .strictObject({
    reason: parkReasonCodeSchema.optional(),
    type: eventTypeFilterSchema.optional(),
    ...timeWindowShape('parked'),
  })
  .refine(windowInOrder, windowMessage);

export type ParkedReplayFilter = z.output<typeof parkedReplayFilterSchema>;

/** How replaying one parked event in bulk ends. */
export const parkedReplayOutcomes = ['replayed', 'stillFailing', 'skipped'] as const;

export type ParkedReplayOutcome = (typeof parkedReplayOutcomes)[number];

/**
 * The bulk replay of parked events, a job kind for the framework's job runner: the events
 * parked (not replayed, not discarded) when the job started that match its filter, oldest first,
 * each run through the pipeline once as a single replay does. An event replayed leaves the
 * filter; one that fails again is parked again with a later time, beyond the job's start: so a
 * job resumed elsewhere, or started again, handles none of them twice.
 */
export function parkedReplayJob(
  store: Pick<ParkedEventStore, 'events'>,
  handler: Pick<EventHandler, 'replayParkedEvent'>,
): JobKind<ParkedReplayFilter, ParkedEvent, ParkedReplayOutcome> {
  return {
    kind: 'parked-event-replay',
    outcomes: parkedReplayOutcomes,
    collection: store.events,
    order: [
      { field: 'parkedAt', direction: 1 },
      { field: '_id', direction: 1 },
    ],
    filter: (params, asOf) => parkedEventQuery({ ...capWindowAt(params, asOf), status: 'parked' }),
    handle: async (event) => {
      try {
        const replayed = await handler.replayParkedEvent(event._id);
        return replayed.status === 'replayed' ? 'replayed' : 'skipped';
      } catch (error) {
        if (AppError.is(error, 'unavailable') || AppError.is(error, 'rule_violated')) {
          return 'stillFailing';
        }
        // Discarded or gone meanwhile.
        if (AppError.is(error, 'conflict') || AppError.is(error, 'not_found')) return 'skipped';
        throw error;
      }
    },
  };
}
