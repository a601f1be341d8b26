import type { Express } from 'express';
import type { Logger } from '../logging/logger';
import type { Metrics } from '../metrics/metrics';
import { requestState } from './request-state';

/** What `/readyz` reports: ready only when every dependency check passed. */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, boolean>>;
}

/** Checks the app's dependencies (Mongo ping, Kafka producer connected, lease held...). */
export type Readiness = () => Promise<ReadinessReport>;

/** The probe paths and their methods, for the 405 fallback. */
export const probePaths = ['/livez', '/readyz', '/metrics'] as const;

export interface ProbeOptions {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly readiness: Readiness;
  readonly isStopping: () => boolean;
}

/**
 * `/livez`: the process serves requests (never checks dependencies, or a broken database would
 * get every pod restarted). `/readyz`: send traffic here; 503 while a dependency is down and
 * from the moment shutdown starts, so the load balancer drains the pod first. `/metrics`:
 * Prometheus text of the app's registry.
 */
export function mountProbes(app: Express, options: ProbeOptions): void {
  const { logger, metrics, readiness, isStopping } = options;
  app.get('/livez', (_req, res) => {
    requestState(res).route = '/livez';
    res.json({ live: true });
  });
  app.get('/readyz', async (_req, res) => {
    requestState(res).route = '/readyz';
    let report: ReadinessReport = { ready: false, checks: {} };
    if (!isStopping()) {
      try {
        report = await readiness();
      } catch (error) {
        logger.warn({ err: error }, 'readiness check failed');
      }
    }
    res.status(report.ready ? 200 : 503).json({ ...report, stopping: isStopping() });
  });
  app.get('/metrics', async (_req, res) => {
    requestState(res).route = '/metrics';
    const text = await metrics.registry.metrics();
    res.type(metrics.registry.contentType).send(text);
  });
}
