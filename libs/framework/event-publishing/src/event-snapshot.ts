import type { Collection } from 'mongodb';
import { z } from 'zod';
import type { VersionedDocument } from '@cqrs/framework-command-handling';
import type { JobKind } from '@cqrs/framework-jobs';
import type { EventProducer } from '@cqrs/framework-kafka';
import { toCloudEvent } from './to-cloud-event';

/** Which aggregates a snapshot publishes: all of them, or those named. */
export const eventSnapshotFilterSchema = z.strictObject({
  subjects: z
    .array(z.string().min(1).max(200))
    .min(1)
    .max(1_000)
    .optional()
    .describe('Only these aggregates (CloudEvents subject); every one when absent'),
});

export type EventSnapshotFilter = z.output<typeof eventSnapshotFilterSchema>;

/** How publishing one aggregate's event in a snapshot ends. */
export const eventSnapshotOutcomes = ['published'] as const;

export type EventSnapshotOutcome = (typeof eventSnapshotOutcomes)[number];

/** A write-model document as a snapshot reads it: its id and the event of its last write. */
export type SnapshotSource = Pick<VersionedDocument, '_id' | 'lastEvent'>;

export interface EventSnapshotOptions {
  readonly collection: Collection<SnapshotSource>;
  readonly topic: string;
  /** CloudEvents `source`, e.g. `/customers`. */
  readonly source: string;
  readonly producer: Pick<EventProducer, 'publish'>;
}

/**
 * A snapshot of current state on the service's topic, a job kind for the framework's job runner:
 * for every aggregate (in `_id` order, or only the `subjects` asked for) the event of its last
 * write is published again, unchanged but for the `snapshot` extension (the job's id). A
 * consumer that has that event already dedupes it by id; a new consumer group (a new subscriber
 * of the topic, after its retention dropped the early events) learns each aggregate's current
 * state. It is at-least-once like every publish: a job resumed after a crash may publish the
 * aggregate in flight again, and an aggregate written meanwhile may be published by the live
 * stream first and by the snapshot after, so consumers must ignore an older version (as they do
 * for any replay).
 */
export function eventSnapshotJob(
  options: EventSnapshotOptions,
): JobKind<EventSnapshotFilter, SnapshotSource, EventSnapshotOutcome> {
  return {
    kind: 'event-snapshot',
    outcomes: eventSnapshotOutcomes,
    collection: options.collection,
    order: [{ field: '_id', direction: 1 }],
    filter: ({ subjects }) => ({
      lastEvent: { $exists: true },
      ...(subjects === undefined ? {} : { _id: { $in: subjects } }),
    }),
    handle: async (document, _params, jobId) => {
      const event = { ...toCloudEvent(document.lastEvent, options.source), snapshot: jobId };
      await options.producer.publish(options.topic, [event]);
      return 'published';
    },
  };
}
