import type * as NodeSdk from './node-sdk';
import { tracingSettings } from './tracing-settings';

let running: NodeSdk.RunningSdk | undefined;

export interface StartTracingOptions {
  /** Traces even with no exporter configured, into these processors (tests). */
  readonly spanProcessors?: NodeSdk.NodeSdkOptions['spanProcessors'];
}

/**
 * Starts the OpenTelemetry SDK when the `OTEL_*` variables configure an exporter (see
 * `tracingSettings`) and answers whether it runs; once per process, later calls change nothing.
 * It must run before express, mongodb and kafkajs are loaded, which is why an app's `main.ts`
 * imports `@cqrs/framework-core/tracing` first. Off, the SDK is never loaded: the spans the
 * framework starts are the API's no-ops.
 */
export function startTracing(
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: StartTracingOptions = {},
): boolean {
  if (running !== undefined) return true;
  const settings = tracingSettings(env);
  if (!settings.enabled && options.spanProcessors === undefined) return false;
  // Loaded here, synchronously, and only when on: the SDK and its exporters are megabytes of
  // code an app without tracing never pays for, and must be in place before the next import.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startNodeSdk } = require('./node-sdk') as typeof NodeSdk;
  running = startNodeSdk({
    ...(settings.serviceName === undefined ? {} : { serviceName: settings.serviceName }),
    ...(options.spanProcessors === undefined ? {} : { spanProcessors: options.spanProcessors }),
  });
  return true;
}

/**
 * Whether `startTracing` started the SDK in this process. Code that would parse or rewrite a
 * trace context just to feed a no-op span asks this first.
 */
export const tracingStarted = (): boolean => running !== undefined;

/** Flushes the spans not yet exported and stops the SDK; nothing when tracing is off. */
export async function stopTracing(): Promise<void> {
  const sdk = running;
  running = undefined;
  await sdk?.shutdown();
}
