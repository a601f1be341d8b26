import { context, propagation, ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import type { TraceContext } from '@cqrs/framework-core';
import { inSpan, spanLinkTo, tracingStarted } from '@cqrs/framework-core';
import type { DeliveryDocument } from '../deliveries/delivery';
import type { AttemptResponse } from './send-webhook';

/** The trace context inside a delivery's payload (the CloudEvent's tracing extension), if any. */
function traceContextInPayload(payload: string): TraceContext {
  try {
    const event = JSON.parse(payload) as Record<string, unknown>;
    return {
      ...(typeof event.traceparent === 'string' ? { traceparent: event.traceparent } : {}),
      ...(typeof event.tracestate === 'string' ? { tracestate: event.tracestate } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Runs one delivery attempt in a span of its own, `deliver <event type>`, which *links* to the
 * command that produced the event rather than being its child: a delivery is retried for hours
 * after the command's trace ended. `send` gets the headers that carry this span's `traceparent`
 * to the receiver, who may continue the trace. Tracing off: `send({})` alone.
 */
export function inDeliverySpan(
  delivery: DeliveryDocument,
  url: URL,
  send: (traceHeaders: Record<string, string>) => Promise<AttemptResponse>,
): Promise<AttemptResponse> {
  if (!tracingStarted()) return send({});
  const link = spanLinkTo(traceContextInPayload(delivery.payload));
  const options = {
    kind: SpanKind.CLIENT,
    parent: ROOT_CONTEXT,
    ...(link === undefined ? {} : { links: [link] }),
    attributes: {
      'webhook.id': delivery.eventId,
      'webhook.event_type': delivery.eventType,
      'webhook.delivery_id': delivery._id,
      'webhook.subscription_id': delivery.subscriptionId,
      'webhook.attempt': delivery.attempts + 1,
      'server.address': url.hostname,
    },
  };
  return inSpan(`deliver ${delivery.eventType}`, options, async (span) => {
    const traceHeaders: Record<string, string> = {};
    propagation.inject(context.active(), traceHeaders);
    const response = await send(traceHeaders);
    if (response.statusCode !== undefined) {
      span.setAttribute('http.response.status_code', response.statusCode);
    }
    if (response.error !== undefined) span.setAttribute('error.type', response.error);
    return response;
  });
}
