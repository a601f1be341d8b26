import { z } from 'zod';
import { traceContextShape } from '@cqrs/framework-core';

/** Width of the `sequence` extension: every safe integer fits, so strings sort like numbers. */
const sequenceWidth = 16;

/**
 * A CloudEvents 1.0 event as this platform publishes it (DESIGN section 4), in structured mode:
 * JSON data, the aggregate id as `subject`, and three extensions (lower-case, as the spec
 * requires for extension names): `correlationid`, `causationid` and `sequence`; `snapshot` on an
 * event a snapshot published again; plus the distributed-tracing extension (`traceparent`, `tracestate`) when the event's flow is traced.
 *
 * Unknown attributes are dropped on parse: consumers see only what the contract names.
 */
export const cloudEventSchema = z.object({
  specversion: z.literal('1.0'),
  /** Unique per aggregate version, e.g. `<aggregateId>:<version>`; consumers dedupe by it. */
  id: z.string().min(1),
  /** URI-reference of the producing service, e.g. `/customers`. */
  source: z.string().min(1),
  /** e.g. `customer.blocked.v1`. */
  type: z.string().min(1),
  /** The aggregate id; also the Kafka key, so one aggregate's events stay in order. */
  subject: z.string().min(1),
  /** RFC 3339, e.g. `2025-01-01T12:00:00.000Z`. */
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal('application/json'),
  data: z.record(z.string(), z.unknown()),
  correlationid: z.string().min(1).optional(),
  causationid: z.string().min(1).optional(),
  /** The aggregate version, zero-padded to 16 digits (see {@link formatSequence}). */
  sequence: z.string().regex(/^\d{16}$/, 'sequence must be 16 digits'),
  /**
   * Set on an event published again by a snapshot (`POST /<service>/events/snapshots`): the id
   * of that snapshot. The event is the aggregate's latest, unchanged (same id, so a consumer
   * that has it already dedupes it); a new consumer learns the current state from it.
   */
  snapshot: z.string().min(1).optional(),
  /** W3C trace context of the span that published the event: consumers continue its trace. */
  ...traceContextShape,
});

export type CloudEvent = z.infer<typeof cloudEventSchema>;

/** The `sequence` of aggregate version `version`: `7` -> `0000000000000007`. */
export function formatSequence(version: number): string {
  if (!Number.isSafeInteger(version) || version < 0) {
    throw new RangeError(`sequence needs a non-negative safe integer, got ${version}`);
  }
  return String(version).padStart(sequenceWidth, '0');
}

/** The aggregate version a `sequence` stands for. */
export function parseSequence(sequence: string): number {
  return Number.parseInt(sequence, 10);
}
