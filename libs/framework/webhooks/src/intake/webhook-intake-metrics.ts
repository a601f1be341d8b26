import type { Registry } from 'prom-client';
import { Counter } from 'prom-client';

/**
 * How a received webhook ended: its command `applied` or `refused` (both answered 200),
 * `duplicate` (handled before, answered from the record), `unavailable` (503, the provider
 * retries), `unverified` (401) or `invalid` (400).
 */
export type WebhookOutcome =
  'applied' | 'refused' | 'duplicate' | 'unavailable' | 'unverified' | 'invalid';

/** The `extevh` metrics, on the app's registry. */
export interface WebhookIntakeMetrics {
  readonly webhooks: Counter<'provider' | 'outcome'>;
}

const name = 'extevh_webhooks_total';

/**
 * Registers the `extevh` metrics on `registry`, or returns those already there (prom-client
 * refuses a name twice). Labels stay bounded: provider names and outcomes, never ids.
 */
export function webhookIntakeMetrics(registry: Registry): WebhookIntakeMetrics {
  const webhooks =
    (registry.getSingleMetric(name) as Counter<'provider' | 'outcome'> | undefined) ??
    new Counter({
      name,
      help: 'Received webhooks by provider and outcome',
      labelNames: ['provider', 'outcome'],
      registers: [registry],
    });
  return { webhooks };
}
