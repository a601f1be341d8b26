import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How a command ended: applied now, refused by the domain or a guard, or answered from before. */
export type CommandOutcome = 'accepted' | 'rejected' | 'replayed';

/**
 * `change_stream_lag_seconds{stream}`, computed when scraped: how long ago the newest point the
 * stream is known to have handled everything up to (an empty wait: now; a batch: its last
 * write). It grows while a stream is stalled or failing, not only while batches arrive late.
 */
export interface ChangeStreamLag {
  /**
   * Reports `stream` from `caughtUpTo` at each scrape; no series while it returns undefined
   * (a standby, a stopped stream).
   */
  track(stream: string, caughtUpTo: () => Date | undefined): void;
}

/** The metrics every app shares, on the app's one registry. */
export interface Metrics {
  /** Served by `/metrics`; later libs register their own metrics on it. */
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route'>;
  /** `reason` is the error code of a rejection, `none` otherwise. */
  readonly commands: Counter<'command' | 'outcome' | 'reason'>;
  readonly commandDuration: Histogram<'command'>;
  readonly changeStreamLag: ChangeStreamLag;
  /** Times a stream found its checkpoint gone from the server's history, per stream. */
  readonly changeStreamHistoryLost: Counter<'stream'>;
  readonly kafkaPublished: Counter<'topic'>;
}

/**
 * The V8 heap in use right after the process's last full (mark-compact) collection, or
 * undefined before the first: what the process really keeps alive. Resident memory and the heap
 * in use rise and fall with V8's collection schedule (a sawtooth that V8 lets grow toward its heap
 * limit); this figure grows only when live data does, so it is what a leak alert watches. One
 * observer per process, started with the first registry.
 */
let liveHeapBytes: number | undefined;
let liveHeapObserver: PerformanceObserver | undefined;

function observeLiveHeap(): void {
  if (liveHeapObserver) return;
  liveHeapObserver = new PerformanceObserver((entries) => {
    // A gc entry's detail says which collection it was.
    const full = entries
      .getEntries()
      .some(
        (entry) =>
          (entry as { detail?: { kind?: number } }).detail?.kind ===
          constants.NODE_PERFORMANCE_GC_MAJOR,
      );
    if (full) liveHeapBytes = getHeapStatistics().used_heap_size;
  });
  liveHeapObserver.observe({ entryTypes: ['gc'] });
}

/**
 * Creates the app's registry, with the default process metrics (CPU, memory, event loop, GC),
 * the live heap (`nodejs_heap_live_bytes`, see {@link liveHeapBytes}) and the shared HTTP, command, change-stream and Kafka metrics. Every series carries a
 * `service` label, so one dashboard covers all apps. Labels are always templates (route,
 * command type, topic), never ids, to keep the number of series bounded.
 */
export function createMetrics(serviceName: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: serviceName });
  // The event-loop delay histogram samples on a timer: prom-client's default of every 10 ms
  // wakes an idle app 200 times a second. Every 100 ms still catches any block long enough to
  // matter for latency, for a tenth of the wake-ups.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  const registers = [registry];
  observeLiveHeap();
  new Gauge({
    name: 'nodejs_heap_live_bytes',
    help: 'V8 heap in use right after the last full garbage collection: the live data',
    registers,
    collect() {
      if (liveHeapBytes !== undefined) this.set(liveHeapBytes);
    },
  });
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests served, by route template and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to serve an HTTP request, by route template',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    commands: new Counter({
      name: 'commands_total',
      help: 'Commands handled, by command type and outcome',
      labelNames: ['command', 'outcome', 'reason'],
      registers,
    }),
    commandDuration: new Histogram({
      name: 'command_duration_seconds',
      help: 'Time to handle a command, including retries on conflicts',
      labelNames: ['command'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    changeStreamLag: changeStreamLagGauge(registers),
    changeStreamHistoryLost: new Counter({
      name: 'change_stream_history_lost_total',
      help: 'Times a change stream found its checkpoint no longer in the server history',
      labelNames: ['stream'],
      registers,
    }),
    kafkaPublished: new Counter({
      name: 'kafka_published_total',
      help: 'Messages acknowledged by Kafka, by topic',
      labelNames: ['topic'],
      registers,
    }),
  };
}

function changeStreamLagGauge(registers: Registry[]): ChangeStreamLag {
  const streams = new Map<string, () => Date | undefined>();
  new Gauge({
    name: 'change_stream_lag_seconds',
    help: 'Seconds since the newest point up to which the change stream handled every write',
    labelNames: ['stream'],
    registers,
    collect() {
      this.reset();
      const now = Date.now();
      for (const [stream, caughtUpTo] of streams) {
        const at = caughtUpTo();
        if (at) this.set({ stream }, Math.max(0, (now - at.getTime()) / 1000));
      }
    },
  });
  return { track: (stream, caughtUpTo) => void streams.set(stream, caughtUpTo) };
}
