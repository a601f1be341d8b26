/** Where a local Jaeger listens; every port on 127.0.0.1 only. */
export interface JaegerPorts {
  /** The UI and its query API (`/api/traces`). */
  readonly ui: number;
  /** The query service's gRPC API. */
  readonly queryGrpc: number;
  /** OTLP over HTTP, where the apps export (`OTEL_EXPORTER_OTLP_ENDPOINT`). */
  readonly otlpHttp: number;
}

/**
 * The collector configuration of a local Jaeger v2: an OTLP/HTTP receiver, in-memory storage
 * (traces are gone when it stops; `maxTraces` bounds the memory) and the query service with the
 * UI. No other receiver, extension or self-telemetry port: nothing else is opened, and nothing on
 * another address than loopback.
 */
export function jaegerConfig(ports: JaegerPorts, maxTraces = 100_000): string {
  return `service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    resource:
      service.name: jaeger
    metrics:
      level: none
    logs:
      level: warn

extensions:
  jaeger_query:
    storage:
      traces: memstore
    http:
      endpoint: 127.0.0.1:${ports.ui}
    grpc:
      endpoint: 127.0.0.1:${ports.queryGrpc}
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: ${maxTraces}

receivers:
  otlp:
    protocols:
      http:
        endpoint: 127.0.0.1:${ports.otlpHttp}

processors:
  batch:
    timeout: 200ms

exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
`;
}
