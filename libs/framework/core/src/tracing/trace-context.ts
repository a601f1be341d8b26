import type { Context, Link } from '@opentelemetry/api';
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { z } from 'zod';

/**
 * A W3C trace context as it is stored and sent between apps: the `traceparent` and `tracestate`
 * values (https://www.w3.org/TR/trace-context/). It rides the stored `lastEvent`, the CloudEvent
 * (distributed-tracing extension) and webhook deliveries; both fields are absent when tracing
 * was off where the work started.
 */
export interface TraceContext {
  readonly traceparent?: string;
  readonly tracestate?: string;
}

/**
 * The fields of a {@link TraceContext} for a zod object, both optional: documents and events
 * written with tracing off, or before it existed, have neither. A malformed value is ignored when
 * it is read (no parent, no link), so tracing is never why a document or event is refused.
 */
export const traceContextShape = {
  traceparent: z.string().optional(),
  tracestate: z.string().optional(),
};

// Always W3C, whatever OTEL_PROPAGATORS says for HTTP: these fields are W3C by definition.
const w3c = new W3CTraceContextPropagator();

const carrierSetter = {
  set: (carrier: Record<string, string>, key: string, value: string) => {
    carrier[key] = value;
  },
};
const carrierGetter = {
  get: (carrier: TraceContext, key: string) =>
    key === 'traceparent'
      ? carrier.traceparent
      : key === 'tracestate'
        ? carrier.tracestate
        : undefined,
  keys: () => ['traceparent', 'tracestate'],
};

/**
 * The trace context of the span active in `from` (default: the current context), e.g. to store
 * with a write; `{}` when no span is active (tracing off, or nothing traced this work).
 */
export function traceContextOf(from: Context = context.active()): TraceContext {
  if (trace.getSpan(from) === undefined) return {};
  const carrier: Record<string, string> = {};
  w3c.inject(from, carrier, carrierSetter);
  return carrier;
}

/** A context whose remote parent is `stored` (or `base` unchanged when it holds none). */
export function contextFrom(stored: TraceContext, base: Context = ROOT_CONTEXT): Context {
  if (stored.traceparent === undefined) return base;
  return w3c.extract(base, stored, carrierGetter);
}

/** A span link to the span `stored` names, for work done on behalf of it but not inside it. */
export function spanLinkTo(stored: TraceContext): Link | undefined {
  const spanContext = trace.getSpanContext(contextFrom(stored));
  return spanContext === undefined ? undefined : { context: spanContext };
}

/** The links to every span that `stored` names, e.g. the commands behind a batch of changes. */
export const spanLinksTo = (stored: readonly TraceContext[]): Link[] =>
  stored.map(spanLinkTo).filter((link): link is Link => link !== undefined);
