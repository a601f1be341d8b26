import {
  ensureJaegerBinary,
  parseInfraConfig,
  startJaeger,
  type JaegerPorts,
  type RunningJaeger,
} from '@cqrs/tools-infra';
import { freePorts } from './free-ports';

/** A local Jaeger and the environment that makes the apps export their traces to it. */
export interface TracingBackend {
  readonly jaeger: RunningJaeger;
  /** `OTEL_*` variables for the apps: OTLP over HTTP to this Jaeger, short batching delay. */
  readonly env: Readonly<Record<string, string>>;
}

/** Jaeger's own ports: UI 16686, query gRPC 16685, OTLP/HTTP 4318, each on 127.0.0.1. */
export const defaultJaegerPorts: JaegerPorts = { ui: 16686, queryGrpc: 16685, otlpHttp: 4318 };

/**
 * Builds Jaeger on first use, starts it, and returns the apps' tracing environment. `ports`
 * `'free'` picks free ephemeral ports (tests); otherwise Jaeger's usual ones, the UI's overridable
 * by `JAEGER_UI_PORT` and OTLP's by `JAEGER_OTLP_PORT`.
 */
export async function startTracingBackend(options: {
  readonly log: (line: string) => void;
  readonly ports?: JaegerPorts | 'free';
}): Promise<TracingBackend> {
  const binary = await ensureJaegerBinary(options.log);
  const ports =
    options.ports === 'free'
      ? await freePorts(3, { host: '127.0.0.1' }).then(([ui = 0, queryGrpc = 0, otlpHttp = 0]) => ({
          ui,
          queryGrpc,
          otlpHttp,
        }))
      : (options.ports ?? {
          ...defaultJaegerPorts,
          ui: Number(process.env.JAEGER_UI_PORT ?? defaultJaegerPorts.ui),
          otlpHttp: Number(process.env.JAEGER_OTLP_PORT ?? defaultJaegerPorts.otlpHttp),
        });
  const jaeger = await startJaeger({ binary, ports, logDir: parseInfraConfig().logDir });
  return {
    jaeger,
    env: {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_ENDPOINT: jaeger.otlpEndpoint,
      // Spans reach the UI within half a second instead of the default five.
      OTEL_BSP_SCHEDULE_DELAY: '500',
    },
  };
}
