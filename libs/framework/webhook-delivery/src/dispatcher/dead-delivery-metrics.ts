import type { Registry } from 'prom-client';
import { Counter, Gauge } from 'prom-client';
import { failureReasons } from '../deliveries/delivery';
import type { DeliveryStore } from '../deliveries/delivery-store';

/** The dead-letter metrics of `extevp`, on the app's registry. Labels: failure reasons only. */
export interface DeadDeliveryMetrics {
  /** Failed deliveries made due again by an operator (one or in bulk), by failure reason. */
  readonly replayed: Counter<'reason'>;
  /** Failed deliveries an operator gave up on, by failure reason. */
  readonly discarded: Counter<'reason'>;
}

/**
 * Registers the counters, and `webhook_deliveries_dead{reason}`: the failed deliveries now, by
 * failure reason, counted in MongoDB when scraped (every reason reported, 0 when none).
 */
export function deadDeliveryMetrics(
  registry: Registry,
  store: Pick<DeliveryStore, 'countFailedByReason'>,
): DeadDeliveryMetrics {
  const registers = [registry];
  new Gauge({
    name: 'webhook_deliveries_dead',
    help: 'Deliveries failed after their last attempt (waiting for an operator), by reason',
    labelNames: ['reason'],
    registers,
    async collect() {
      const counts = await store.countFailedByReason();
      for (const reason of failureReasons) this.set({ reason }, counts[reason] ?? 0);
    },
  });
  return {
    replayed: new Counter({
      name: 'webhook_deliveries_replayed_total',
      help: 'Failed deliveries made due again by an operator (single or bulk), by failure reason',
      labelNames: ['reason'],
      registers,
    }),
    discarded: new Counter({
      name: 'webhook_deliveries_discarded_total',
      help: 'Failed deliveries discarded by an operator, by failure reason',
      labelNames: ['reason'],
      registers,
    }),
  };
}
