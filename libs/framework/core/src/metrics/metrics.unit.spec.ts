import { Counter } from 'prom-client';
import { createMetrics } from './metrics';

describe('createMetrics', () => {
  it('exposes the shared metrics with the service label on one registry', async () => {
    const metrics = createMetrics('customers-cmdh');
    metrics.httpRequests.inc({ method: 'POST', route: '/customers/{id}/block', status: 200 });
    metrics.commands.inc({ command: 'BlockCustomer', outcome: 'rejected', reason: 'conflict' });
    metrics.changeStreamLag.set({ stream: 'customers' }, 0.25);
    metrics.kafkaPublished.inc({ topic: 'customers.events.v1' }, 3);

    const text = await metrics.registry.metrics();

    expect(text).toContain(
      'http_requests_total{method="POST",route="/customers/{id}/block",status="200",service="customers-cmdh"} 1',
    );
    expect(text).toContain(
      'commands_total{command="BlockCustomer",outcome="rejected",reason="conflict",service="customers-cmdh"} 1',
    );
    expect(text).toContain(
      'change_stream_lag_seconds{stream="customers",service="customers-cmdh"} 0.25',
    );
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
