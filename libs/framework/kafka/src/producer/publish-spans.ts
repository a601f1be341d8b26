import type { Span } from '@opentelemetry/api';
import { SpanKind, trace } from '@opentelemetry/api';
import {
  contextFrom,
  failSpan,
  frameworkTracer,
  traceContextOf,
  tracingStarted,
} from '@cqrs/framework-core';
import type { CloudEvent } from '../cloud-events/cloud-event';

/** The events of one publish, each carrying its own producer span's trace context. */
export interface PublishSpans {
  readonly events: readonly CloudEvent[];
  /** Ends every span, failed with `error` when given. */
  end(error?: unknown): void;
}

/**
 * One producer span per event, `send <topic>`, child of the span the event's `traceparent` names
 * (the command that wrote it): the event then carries the producer span's context instead, so
 * its consumers continue the command's trace through this hop. Tracing off: the events as they
 * are (a `traceparent` from upstream still passes through) and nothing else.
 */
export function startPublishSpans(topic: string, events: readonly CloudEvent[]): PublishSpans {
  if (!tracingStarted()) return { events, end: () => undefined };
  const spans: Span[] = [];
  const traced = events.map((event) => {
    const parent = contextFrom(event);
    const span = frameworkTracer().startSpan(
      `send ${topic}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'send',
          'messaging.destination.name': topic,
          'messaging.message.id': event.id,
          'messaging.kafka.message.key': event.subject,
          'cloudevents.event_id': event.id,
          'cloudevents.event_type': event.type,
          'cloudevents.event_source': event.source,
          'cloudevents.event_subject': event.subject,
        },
      },
      parent,
    );
    spans.push(span);
    const own = traceContextOf(trace.setSpan(parent, span));
    return { ...event, tracestate: undefined, ...own };
  });
  return {
    events: traced,
    end(error?: unknown) {
      for (const span of spans) {
        if (error !== undefined) failSpan(span, error);
        span.end();
      }
    },
  };
}
