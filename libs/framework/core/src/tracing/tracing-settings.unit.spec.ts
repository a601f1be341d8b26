import { tracingSettings } from './tracing-settings';

describe('tracingSettings', () => {
  it('is off unless an exporter is configured', () => {
    expect(tracingSettings({ SERVICE_NAME: 'customers-cmdh' })).toEqual({
      enabled: false,
      serviceName: 'customers-cmdh',
    });
  });

  it('is on with an OTLP endpoint or a named exporter, and named after the app', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', SERVICE_NAME: 'a' };
    expect(tracingSettings(endpoint)).toEqual({ enabled: true, serviceName: 'a' });
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://x' }).enabled).toBe(true);
    expect(tracingSettings({ OTEL_TRACES_EXPORTER: 'console' }).enabled).toBe(true);
    expect(tracingSettings({ ...endpoint, OTEL_SERVICE_NAME: 'b' }).serviceName).toBe('b');
  });

  it('stays off when disabled, whatever else is set', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' };
    expect(tracingSettings({ ...endpoint, OTEL_SDK_DISABLED: 'true' }).enabled).toBe(false);
    expect(tracingSettings({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }).enabled).toBe(false);
  });
});
