import { context, trace, TraceFlags } from '@opentelemetry/api';
import { contextFrom, spanLinksTo, traceContextOf } from './trace-context';

const traceId = '0af7651916cd43dd8448eb211c80319c';
const spanId = 'b7ad6b7169203331';
const traceparent = `00-${traceId}-${spanId}-01`;

describe('trace context', () => {
  it('is empty where no span is active (tracing off)', () => {
    expect(traceContextOf(context.active())).toEqual({});
  });

  it('round-trips a stored traceparent and tracestate', () => {
    const stored = { traceparent, tracestate: 'vendor=x' };
    const restored = contextFrom(stored);

    expect(trace.getSpanContext(restored)).toMatchObject({
      traceId,
      spanId,
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    });
    expect(traceContextOf(restored)).toEqual(stored);
  });

  it('links only to valid stored contexts', () => {
    const links = spanLinksTo([{ traceparent }, {}, { traceparent: 'garbage' }]);

    expect(links.map((link) => link.context.spanId)).toEqual([spanId]);
  });
});
