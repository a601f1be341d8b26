import type { Registry } from 'prom-client';
import { Counter } from 'prom-client';

const name = 'read_model_rebuild_documents_total';

/**
 * `read_model_rebuild_documents_total{projection}`: write-model documents the rebuilds' scans
 * applied, by read model; its rate is a rebuild's speed (its resource has `documents`/`total`).
 */
export function rebuildDocumentsCounter(registry: Registry): Counter<'projection'> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<'projection'>;
  return new Counter({
    name,
    help: 'Write-model documents applied by read-model rebuild scans, by read model',
    labelNames: ['projection'],
    registers: [registry],
  });
}
