import { AsyncResource } from 'node:async_hooks';
import type { RequestHandler } from 'express';
import type { Logger } from '../logging/logger';
import type { Metrics } from '../metrics/metrics';
import { probePaths } from './probes';
import { requestState } from './request-state';

/** Label for requests no route matched; keeps scanners from creating a series per path. */
export const unmatchedRoute = 'unmatched';

// Probes are called every few seconds by the platform; at info they would drown the log.
const quietRoutes = new Set<string>(probePaths);

/**
 * Records one metric sample and writes one access log line per request, labelled by the route
 * template (never the raw path, whose ids would make the series unbounded).
 */
export function accessLog(logger: Logger, metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // `close` fires for finished and for aborted responses; bind keeps the request's ids.
    res.once(
      'close',
      AsyncResource.bind(() => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const { route = unmatchedRoute, errorCode } = requestState(res);
        const method = req.method;
        const status = res.writableFinished ? res.statusCode : 499;
        metrics.httpRequests.inc({ method, route, status });
        metrics.httpDuration.observe({ method, route }, seconds);
        const level = quietRoutes.has(route) && status < 400 ? 'debug' : 'info';
        logger[level](
          {
            method,
            route,
            status,
            ms: Math.round(seconds * 1e4) / 10,
            ...(errorCode === undefined ? {} : { code: errorCode }),
            ...(res.writableFinished ? {} : { aborted: true }),
          },
          'request',
        );
      }),
    );
    next();
  };
}
