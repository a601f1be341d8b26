import type { Registry } from 'prom-client';
import { Counter, Gauge, Histogram } from 'prom-client';
import { parkReasonCodes } from '../parking/parked-event';
import type { ParkedEventStore } from '../parking/parked-event-store';

/** How a consumed event ended. */
export type EventOutcome = 'handled' | 'ignored' | 'parked';

/** The `evh` metrics, on the app's registry. */
export interface EventHandlerMetrics {
  readonly events: Counter<'topic' | 'type' | 'outcome'>;
  readonly parked: Counter<'topic' | 'reason'>;
  readonly lag: Gauge<'topic' | 'partition'>;
  readonly duration: Histogram<'topic' | 'outcome'>;
  /** Parked events a replay handled (one by one or in bulk), by the reason they were parked. */
  readonly replayed: Counter<'reason'>;
  /** Parked events an operator gave up on, by the reason they were parked. */
  readonly discarded: Counter<'reason'>;
}

/**
 * Registers the `evh` metrics on `registry`, or returns those already there (an app may run
 * several handlers; prom-client refuses a name twice). Labels stay bounded: topics, event types
 * of the routes, reason codes and partitions, never ids.
 */
export function eventHandlerMetrics(registry: Registry): EventHandlerMetrics {
  const registers = [registry];
  const existing = <T>(name: string, create: () => T): T =>
    (registry.getSingleMetric(name) as T | undefined) ?? create();
  return {
    events: existing(
      'evh_events_total',
      () =>
        new Counter({
          name: 'evh_events_total',
          help: 'Consumed events by topic, type and outcome (handled, ignored, parked)',
          labelNames: ['topic', 'type', 'outcome'],
          registers,
        }),
    ),
    parked: existing(
      'evh_parked_total',
      () =>
        new Counter({
          name: 'evh_parked_total',
          help: 'Events parked, by topic and reason code',
          labelNames: ['topic', 'reason'],
          registers,
        }),
    ),
    lag: existing(
      'kafka_consumer_lag',
      () =>
        new Gauge({
          name: 'kafka_consumer_lag',
          help: 'Messages after the last one handled, per topic partition',
          labelNames: ['topic', 'partition'],
          registers,
        }),
    ),
    duration: existing(
      'evh_event_duration_seconds',
      () =>
        new Histogram({
          name: 'evh_event_duration_seconds',
          help: 'Time from taking an event to handling, ignoring or parking it, retries included',
          labelNames: ['topic', 'outcome'],
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
          registers,
        }),
    ),
    replayed: existing(
      'evh_parked_replayed_total',
      () =>
        new Counter({
          name: 'evh_parked_replayed_total',
          help: 'Parked events handled by a replay (single or bulk), by the reason they were parked',
          labelNames: ['reason'],
          registers,
        }),
    ),
    discarded: existing(
      'evh_parked_discarded_total',
      () =>
        new Counter({
          name: 'evh_parked_discarded_total',
          help: 'Parked events discarded by an operator, by the reason they were parked',
          labelNames: ['reason'],
          registers,
        }),
    ),
  };
}

/**
 * `evh_parked_events{reason}`: the events parked now, by reason code, counted in MongoDB when
 * scraped (every replica reports the same figure; each code is reported, 0 when none).
 */
export function parkedEventsGauge(
  registry: Registry,
  store: Pick<ParkedEventStore, 'countParkedByReason'>,
): void {
  if (registry.getSingleMetric('evh_parked_events')) return;
  new Gauge({
    name: 'evh_parked_events',
    help: 'Events parked now (waiting for an operator), by reason code',
    labelNames: ['reason'],
    registers: [registry],
    async collect() {
      const counts = await store.countParkedByReason();
      for (const reason of parkReasonCodes) this.set({ reason }, counts[reason] ?? 0);
    },
  });
}
