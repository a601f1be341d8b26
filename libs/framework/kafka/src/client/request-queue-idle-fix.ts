import { createRequire } from 'node:module';

/** What this fix touches of kafkajs' internal RequestQueue (kafkajs 2.2.4). */
interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  scheduleCheckPendingRequests: (this: RequestQueueInternals) => void;
}

type RequestQueueClass = { prototype: RequestQueueInternals } & (new (options: {
  maxInFlightRequests: number | null;
  requestTimeout: number;
  enforceRequestTimeout: boolean;
  clientId: string;
  broker: string;
  logger: unknown;
}) => RequestQueueInternals);

const fixed = Symbol.for('cqrs.kafkajs.requestQueueIdleFix');

/**
 * kafkajs 2.2.4 keeps every broker connection in a 1 ms timer loop for as long as it lives:
 * after each check of its pending requests it schedules the next one at
 * `throttledUntil - Date.now()`, negative when nothing is throttled, which Node clamps to 1 ms
 * (with a TimeoutNegativeWarning on Node 24). An idle consumer or producer then burns a few
 * percent of a core doing nothing (tulios/kafkajs#1704, #1751; unfixed upstream).
 *
 * This skips only that useless schedule: nothing pending and no throttle still running. A
 * request queued later schedules its own check (RequestQueue.push), one that completes checks
 * the queue, and a pending request is still checked every 10 ms as before. Applied once per
 * process, before any client connects; returns the class it patched (for its test).
 */
export function fixRequestQueueIdleLoop(): RequestQueueClass {
  // Not part of kafkajs' typed API: its internal module, by path (kafkajs has no exports map).
  const RequestQueue = createRequire(__filename)(
    'kafkajs/src/network/requestQueue',
  ) as RequestQueueClass & { [fixed]?: true };
  if (RequestQueue[fixed]) return RequestQueue;
  const schedule = RequestQueue.prototype.scheduleCheckPendingRequests;
  RequestQueue.prototype.scheduleCheckPendingRequests = function (this: RequestQueueInternals) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    schedule.call(this);
  };
  RequestQueue[fixed] = true;
  return RequestQueue;
}
