import express, { type Express } from 'express';
import type { Authenticator } from '../auth/authenticator';
import type { Logger } from '../logging/logger';
import type { Metrics } from '../metrics/metrics';
import { accessLog } from './access-log';
import { errorHandler } from './error-handler';
import { mountFallbacks } from './fallbacks';
import { mountRoute } from './mount-route';
import { mountProbes, probePaths, type Readiness } from './probes';
import { requestIds } from './request-ids';
import type { BoundRoute } from './route-handler';

export interface HttpAppOptions {
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Required when any route has `auth: 'bearer'`. */
  readonly authenticator?: Authenticator;
  /** Largest JSON body accepted (`HTTP_BODY_LIMIT`); 100 kB by default. */
  readonly bodyLimit?: string | number;
  /** Dependency checks behind `/readyz`; always ready when not given. */
  readonly readiness?: Readiness;
  /** Usually `lifecycle.isStopping`: `/readyz` answers 503 from the moment it turns true. */
  readonly isStopping?: () => boolean;
  /** The routes this app serves, each from `bindRoute`. */
  readonly routes: readonly BoundRoute[];
  /** Turns a dependency's errors that escape a handler into AppErrors (see `errorHandler`). */
  readonly translateError?: (error: unknown) => unknown;
}

/**
 * Builds the express 5 app of one deployable: request and correlation ids, access log and
 * metrics, the probes, the declared routes (authenticated, size-limited, validated), 404/405
 * and one error middleware that answers every failure with RFC 9457 problem details.
 *
 * @throws Error when two routes share a method and path, or a bearer route has no authenticator.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const { logger, metrics, routes } = options;
  assertUnique(routes);
  const app = express();
  app.disable('x-powered-by');
  // Routes that support conditional requests set their own ETag from the document version.
  app.disable('etag');
  app.use(requestIds, accessLog(logger, metrics), (_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  mountProbes(app, {
    logger,
    metrics,
    readiness: options.readiness ?? (() => Promise.resolve({ ready: true, checks: {} })),
    isStopping: options.isStopping ?? (() => false),
  });
  for (const bound of routes) {
    mountRoute(app, bound, {
      logger,
      authenticator: options.authenticator,
      bodyLimit: options.bodyLimit ?? '100kb',
    });
  }
  mountFallbacks(app, [
    ...probePaths.map((path) => ({ method: 'get', path })),
    ...routes.map(({ route }) => route),
  ]);
  app.use(errorHandler(logger, options.translateError));
  return app;
}

function assertUnique(routes: readonly BoundRoute[]): void {
  const seen = new Set<string>();
  for (const { route } of routes) {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) throw new Error(`createHttpApp: ${key} is declared twice`);
    seen.add(key);
  }
}
