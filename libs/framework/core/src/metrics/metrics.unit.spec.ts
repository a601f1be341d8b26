import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Counter } from 'prom-client';
import { waitUntil } from '../testing';
import { createMetrics } from './metrics';

describe('createMetrics', () => {
  it('exposes the shared metrics with the service label on one registry', async () => {
    const metrics = createMetrics('customers-cmdh');
    metrics.httpRequests.inc({ method: 'POST', route: '/customers/{id}/block', status: 200 });
    metrics.commands.inc({ command: 'BlockCustomer', outcome: 'rejected', reason: 'conflict' });
    metrics.changeStreamLag.track('customers', () => new Date(Date.now() - 90_000));
    metrics.changeStreamLag.track('standby', () => undefined);
    metrics.kafkaPublished.inc({ topic: 'customers.events.v1' }, 3);

    const text = await metrics.registry.metrics();

    expect(text).toContain(
      'http_requests_total{method="POST",route="/customers/{id}/block",status="200",service="customers-cmdh"} 1',
    );
    expect(text).toContain(
      'commands_total{command="BlockCustomer",outcome="rejected",reason="conflict",service="customers-cmdh"} 1',
    );
    expect(text).toMatch(
      /^change_stream_lag_seconds\{stream="customers",service="customers-cmdh"\} 90(\.\d+)?$/m,
    );
    expect(text).not.toContain('stream="standby"');
    expect(text).toContain(
      'kafka_published_total{topic="customers.events.v1",service="customers-cmdh"} 3',
    );
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toContain('# TYPE command_duration_seconds histogram');
  });

  it('includes the default process metrics', async () => {
    const text = await createMetrics('x').registry.metrics();

    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('reports the heap a full collection leaves: it follows live data, not the sawtooth', async () => {
    const metrics = createMetrics('x');
    const liveHeap = async () => {
      const line = (await metrics.registry.metrics())
        .split('\n')
        .find((l) => l.startsWith('nodejs_heap_live_bytes{'));
      return line === undefined ? undefined : Number(line.split(' ').at(-1));
    };
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    /** A full collection, and the figure it left once its observer has seen it. */
    const afterFullCollection = async () => {
      const before = await liveHeap();
      gc();
      await waitUntil(async () => (await liveHeap()) !== before, 'the collection was observed');
      return (await liveHeap()) as number;
    };
    // 64 arrays of 2^17 small integers, 1 MiB each on the V8 heap (a Buffer lives outside it).
    let held = Array.from({ length: 64 }, (_, i) => new Array<number>(1 << 17).fill(i));
    const holding = await afterFullCollection();
    expect(held).toHaveLength(64);
    held = [];
    const released = await afterFullCollection();

    expect(holding - released).toBeGreaterThan(48 * 1024 * 1024);
  });

  it('keeps apps in one process apart: each has its own registry', async () => {
    const a = createMetrics('a');
    const b = createMetrics('b');
    a.kafkaPublished.inc({ topic: 't' });

    expect(await b.registry.metrics()).not.toContain('kafka_published_total{');
    expect(await a.registry.metrics()).toContain('kafka_published_total{topic="t",service="a"} 1');
  });

  it('lets later libs add their own metrics to the registry', async () => {
    const { registry } = createMetrics('x');
    new Counter({ name: 'webhook_deliveries_total', help: 'h', registers: [registry] }).inc();

    expect(await registry.metrics()).toContain('webhook_deliveries_total{service="x"} 1');
  });
});
