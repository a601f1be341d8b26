import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { contextFrom, inSpan, tracingStarted } from '@cqrs/framework-core';
import type { CloudEvent } from '@cqrs/framework-kafka';
import type { RawMessage } from '../parking/parked-event';
import type { Verdict } from './handle-message';

/**
 * Handles `event` in a consumer span, `process <topic>`, that is a child of the span its
 * `traceparent` names (evp's producer span): the commands it sends then carry the same trace to
 * the `cmdh`, so the flow stays one trace across Kafka. A failed verdict (the event is parked)
 * marks the span failed. Tracing off: `handle` alone.
 */
export function inConsumerSpan(
  message: RawMessage,
  event: CloudEvent,
  handle: () => Promise<Verdict>,
): Promise<Verdict> {
  if (!tracingStarted()) return handle();
  const attributes = {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': message.topic,
    'messaging.destination.partition.id': String(message.partition),
    'messaging.kafka.offset': Number(message.offset),
    'messaging.message.id': event.id,
    'cloudevents.event_id': event.id,
    'cloudevents.event_type': event.type,
    'cloudevents.event_source': event.source,
    'cloudevents.event_subject': event.subject,
  };
  const parent = contextFrom(event);
  return inSpan(
    `process ${message.topic}`,
    { kind: SpanKind.CONSUMER, attributes, parent },
    async (span) => {
      const verdict = await handle();
      span.setAttribute('evh.verdict', verdict.kind);
      if (verdict.kind === 'failed') {
        span.setAttribute('evh.park_reason', verdict.reason.code);
        span.setStatus({ code: SpanStatusCode.ERROR, message: verdict.reason.message });
      }
      return verdict;
    },
  );
}
