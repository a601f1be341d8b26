import { startTracing } from './start-tracing';

/**
 * `@cqrs/framework-core/tracing`: imported first by every app's `main.ts`, so that the SDK,
 * when the `OTEL_*` variables turn it on, patches express, mongodb and kafkajs before any of
 * them is loaded. The one module that acts on import: that is its whole purpose, and it reads
 * nothing but the environment.
 */
startTracing(process.env);
