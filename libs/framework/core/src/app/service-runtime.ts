import { createAuthenticator } from '../auth/authenticator';
import type { BaseConfig } from '../config/base-config';
import type { BoundRoute } from '../http/route-handler';
import { createHttpApp } from '../http/create-app';
import type { Readiness } from '../http/probes';
import { startHttpServer } from '../http/server';
import { createLifecycle, type Lifecycle } from '../lifecycle/lifecycle';
import { createLogger, type Logger } from '../logging/logger';
import { createMetrics, type Metrics } from '../metrics/metrics';
import { stopTracing } from '../tracing/start-tracing';

/** How an app is started: by its `main` with signal handlers, by tests in-process without. */
export interface StartOptions {
  /** Installs the SIGTERM/SIGINT handlers (default); tests stop apps with `stop()` instead. */
  readonly installSignalHandlers?: boolean;
}

/** A named dependency check for `/readyz`, e.g. `mongo: () => mongo.ping()`. */
export type ReadinessChecks = Readonly<Record<string, () => Promise<boolean> | boolean>>;

/** A started deployable: where it listens, and how to stop it (tests stop apps in-process). */
export interface RunningApp<C extends BaseConfig = BaseConfig> {
  readonly url: string;
  readonly runtime: ServiceRuntime<C>;
  stop(): Promise<void>;
}

/** What every deployable has: its config, one logger, one metrics registry, one lifecycle. */
export interface ServiceRuntime<C extends BaseConfig> {
  readonly config: C;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly lifecycle: Lifecycle;
  /**
   * Registers how a dependency's errors read when one escapes a route handler, e.g. MongoDB's
   * transient failures as 503 `unavailable`; applied in order of registration, before `serve`.
   */
  readonly translateErrors: (translate: (error: unknown) => unknown) => void;
  /**
   * Serves `routes` (plus the probes) on `HOST:PORT` until shutdown; `/readyz` is ready when
   * every check passes. The server is the first thing stopped on SIGTERM (registered last).
   */
  readonly serve: (options: {
    routes: readonly BoundRoute[];
    /** Named checks that must all pass, or a full `Readiness` for roles that need more nuance. */
    readiness?: ReadinessChecks | Readiness;
  }) => Promise<RunningApp<C>>;
}

/** Ready when every named check passes; each is reported. */
const allOf =
  (checks: ReadinessChecks): Readiness =>
  async () => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => [name, await check()] as const),
    );
    return { ready: results.every(([, ok]) => ok), checks: Object.fromEntries(results) };
  };

/**
 * Builds the runtime of one deployable from its parsed config and installs the SIGTERM/SIGINT
 * handlers, so an app's `main` is only: connect its clients (registering each with
 * `lifecycle.onStop`), build its pipeline, `serve` its routes.
 */
export function createServiceRuntime<C extends BaseConfig>(
  config: C,
  options: StartOptions = {},
): ServiceRuntime<C> {
  const logger = createLogger({
    name: config.SERVICE_NAME,
    level: config.LOG_LEVEL,
    pretty: config.LOG_PRETTY,
  });
  const metrics = createMetrics(config.SERVICE_NAME);
  const lifecycle = createLifecycle({ logger, graceMs: config.SHUTDOWN_GRACE_MS });
  // Tests run apps in-process and stop them with `lifecycle.stop`, never by signal; the process
  // (and its tracing, flushed last, after everything that makes spans has stopped) is theirs.
  if (options.installSignalHandlers ?? true) {
    lifecycle.onStop('tracing', stopTracing);
    lifecycle.installSignalHandlers();
  }

  const translators: ((error: unknown) => unknown)[] = [];

  async function serve(options: {
    routes: readonly BoundRoute[];
    readiness?: ReadinessChecks | Readiness;
  }): Promise<RunningApp<C>> {
    const given = options.readiness ?? {};
    const app = createHttpApp({
      logger,
      metrics,
      authenticator: createAuthenticator({
        hs256Secret: config.JWT_HS256_SECRET,
        jwksUrl: config.JWT_JWKS_URL,
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
      }),
      bodyLimit: config.HTTP_BODY_LIMIT,
      isStopping: lifecycle.isStopping,
      routes: options.routes,
      readiness: typeof given === 'function' ? given : allOf(given),
      translateError: (error) =>
        translators.reduce((current, translate) => translate(current), error),
    });
    const server = await startHttpServer(app, { host: config.HOST, port: config.PORT, logger });
    lifecycle.onStop('http server', server.close);
    return { url: server.url, runtime, stop: () => lifecycle.stop('stop requested') };
  }

  const runtime: ServiceRuntime<C> = {
    config,
    logger,
    metrics,
    lifecycle,
    translateErrors: (translate) => void translators.push(translate),
    serve,
  };
  return runtime;
}
