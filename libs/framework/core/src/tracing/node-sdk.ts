import type { IncomingMessage } from 'node:http';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import type { NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import { NodeSDK } from '@opentelemetry/sdk-node';

/** Probes and scrapes: many a minute, none of them part of a business flow. */
const untracedPaths = new Set(['/livez', '/readyz', '/metrics']);

const pathOf = (request: IncomingMessage): string => (request.url ?? '').split('?', 1)[0] ?? '';

export interface NodeSdkOptions {
  readonly serviceName?: string;
  /** Replaces the exporter the `OTEL_*` variables configure (tests: an in-memory one). */
  readonly spanProcessors?: NodeSDKConfiguration['spanProcessors'];
}

/** A started SDK; `shutdown` flushes the spans still buffered and unpatches the modules. */
export interface RunningSdk {
  shutdown(): Promise<void>;
}

/**
 * The OpenTelemetry Node SDK with the instrumentations of what the apps use: http (server spans
 * with the incoming `traceparent`, client spans that send it), express (route names), mongodb
 * and kafkajs. Exporter, sampler and propagators come from the standard `OTEL_*` variables;
 * metrics stay with prom-client and logs with pino, so the SDK's own are off.
 *
 * Only ever loaded by `startTracing` when tracing is on, and before express, mongodb and kafkajs
 * are: the instrumentations patch those modules as they are loaded.
 */
export function startNodeSdk(options: NodeSdkOptions): RunningSdk {
  const instrumentations = [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => untracedPaths.has(pathOf(request)),
      // Lease renewals, JWKS fetches and the like are no one's flow.
      requireParentforOutgoingSpans: true,
    }),
    new ExpressInstrumentation({
      // The route's handler gets a span; one per middleware would be noise at a cost.
      ignoreLayersType: [ExpressLayerType.MIDDLEWARE],
    }),
    // Change-stream polls, checkpoints and leases run outside any flow: traced only inside one.
    new MongoDBInstrumentation({ requireParentSpan: true }),
    new KafkaJsInstrumentation(),
  ];
  const sdk = new NodeSDK({
    ...(options.serviceName === undefined ? {} : { serviceName: options.serviceName }),
    instrumentations,
    ...(options.spanProcessors === undefined ? {} : { spanProcessors: options.spanProcessors }),
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return {
    async shutdown() {
      await sdk.shutdown();
      for (const instrumentation of instrumentations) instrumentation.disable();
    },
  };
}
