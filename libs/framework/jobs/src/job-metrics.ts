import type { Registry } from 'prom-client';
import { Gauge } from 'prom-client';
import { jobStatuses } from './job';
import type { JobStore } from './job-store';

/**
 * A gauge of the jobs of `kind` per status, counted in MongoDB when scraped (so every replica
 * reports the same figures). Labels: `kind` and `status`, both bounded.
 */
export function jobsGauge(
  registry: Registry,
  store: Pick<JobStore, 'countByStatus'>,
  kind: string,
  name = 'background_jobs',
): void {
  if (registry.getSingleMetric(name)) return;
  new Gauge({
    name,
    help: 'Background jobs (bulk replays, snapshots) by kind and status (running, completed, cancelled, failed)',
    labelNames: ['kind', 'status'],
    registers: [registry],
    async collect() {
      const counts = await store.countByStatus(kind);
      for (const status of jobStatuses) this.set({ kind, status }, counts[status]);
    },
  });
}
