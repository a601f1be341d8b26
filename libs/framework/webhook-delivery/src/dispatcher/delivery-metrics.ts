import type { Registry } from 'prom-client';
import { Counter, Gauge, Histogram } from 'prom-client';

/** The `extevp` metrics, on the app's registry. Labels are bounded: outcomes and reasons only. */
export interface DeliveryMetrics {
  readonly created: Counter;
  readonly attempts: Counter<'outcome'>;
  readonly attemptDuration: Histogram<'outcome'>;
  readonly disabled: Counter<'reason'>;
  readonly inFlight: Gauge;
}

export function deliveryMetrics(registry: Registry): DeliveryMetrics {
  const registers = [registry];
  return {
    created: new Counter({
      name: 'webhook_deliveries_created_total',
      help: 'Deliveries created by the fan-out (one per event and matching subscription)',
      registers,
    }),
    attempts: new Counter({
      name: 'webhook_attempts_total',
      help: 'Delivery attempts by outcome (delivered, retrying, failed)',
      labelNames: ['outcome'],
      registers,
    }),
    attemptDuration: new Histogram({
      name: 'webhook_attempt_duration_seconds',
      help: 'Time from sending a webhook to its complete answer (or error)',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    disabled: new Counter({
      name: 'webhook_subscriptions_disabled_total',
      help: 'Subscriptions disabled automatically, by reason (gone, failing)',
      labelNames: ['reason'],
      registers,
    }),
    inFlight: new Gauge({
      name: 'webhook_attempts_in_flight',
      help: 'Attempts this dispatcher is sending right now',
      registers,
    }),
  };
}
