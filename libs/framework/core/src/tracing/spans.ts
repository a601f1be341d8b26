import type { Attributes, Context, Link, Span, SpanKind } from '@opentelemetry/api';
import { context, SpanStatusCode, trace } from '@opentelemetry/api';

/** The tracer of the framework's own spans (the instrumentations have their own). */
export const frameworkTracer = () => trace.getTracer('@cqrs/framework');

export interface SpanOptions {
  readonly kind: SpanKind;
  readonly attributes?: Attributes;
  /** The parent; default: the current context. */
  readonly parent?: Context;
  /** Spans this work is done for without being part of them (see `spanLinkTo`). */
  readonly links?: Link[];
}

/**
 * Runs `fn` in a new span that is current for everything it awaits, and ends the span when `fn`
 * settles: a throw is recorded on the span and rethrown. With tracing off this is a no-op span
 * and one extra function call.
 */
export function inSpan<T>(
  name: string,
  options: SpanOptions,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = frameworkTracer().startSpan(
    name,
    {
      kind: options.kind,
      ...(options.attributes === undefined ? {} : { attributes: options.attributes }),
      ...(options.links === undefined ? {} : { links: options.links }),
    },
    parent,
  );
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await fn(span);
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Marks `span` failed with `error` (recorded as an exception event). */
export function failSpan(span: Span, error: unknown): void {
  if (error instanceof Error) span.recordException(error);
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}
