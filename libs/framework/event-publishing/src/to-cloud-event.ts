import type { StoredEvent } from '@cqrs/framework-command-handling';
import type { CloudEvent } from '@cqrs/framework-kafka';
import { formatSequence } from '@cqrs/framework-kafka';

/**
 * The public form of a stored event: a CloudEvent whose id is the event id (unique per
 * aggregate version), subject the aggregate id (the Kafka key) and sequence its version.
 * Who did it stays inside the service: the actor is not part of the public contract. The trace
 * context of the command that wrote it becomes the distributed-tracing extension, so the event's
 * readers continue (or link to) that command's trace.
 */
export function toCloudEvent(event: StoredEvent, source: string): CloudEvent {
  return {
    specversion: '1.0',
    id: event.id,
    source,
    type: event.type,
    subject: event.aggregateId,
    time: event.time.toISOString(),
    datacontenttype: 'application/json',
    data: event.data,
    correlationid: event.correlationId,
    ...(event.causationId === undefined ? {} : { causationid: event.causationId }),
    sequence: formatSequence(event.version),
    ...(event.traceparent === undefined ? {} : { traceparent: event.traceparent }),
    ...(event.tracestate === undefined ? {} : { tracestate: event.tracestate }),
  };
}
