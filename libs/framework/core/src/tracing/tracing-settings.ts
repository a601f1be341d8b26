/** Whether an app exports traces, and under which service name. */
export interface TracingSettings {
  readonly enabled: boolean;
  /** `service.name`: `OTEL_SERVICE_NAME`, else the app's `SERVICE_NAME`. */
  readonly serviceName?: string;
}

const set = (value: string | undefined): value is string =>
  value !== undefined && value.trim() !== '';

/**
 * Reads the standard `OTEL_*` variables. Tracing is on only when an exporter is configured:
 * `OTEL_TRACES_EXPORTER` names one (other than `none`), or an OTLP endpoint is set
 * (`OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, the default exporter
 * being OTLP). `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none` turn it off whatever else
 * is set. Off, the SDK is not even loaded.
 */
export function tracingSettings(
  env: Readonly<Record<string, string | undefined>>,
): TracingSettings {
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const disabled =
    env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true' || exporters.includes('none');
  const endpoint =
    set(env.OTEL_EXPORTER_OTLP_ENDPOINT) || set(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  const serviceName = set(env.OTEL_SERVICE_NAME) ? env.OTEL_SERVICE_NAME : env.SERVICE_NAME;
  return {
    enabled: !disabled && (exporters.length > 0 || endpoint),
    ...(set(serviceName) ? { serviceName } : {}),
  };
}
