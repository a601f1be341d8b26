/** Kafka's default heartbeat interval is 3 s; beating more often costs nothing (kafkajs throttles). */
const heartbeatEveryMs = 1_000;

/**
 * Waits `ms` while keeping the consumer's group membership alive: `heartbeat` is called at
 * least every second, so a long backoff never looks like a dead consumer and triggers a
 * rebalance. Resolves `false` as soon as `signal` aborts (shutdown), `true` otherwise. A
 * heartbeat error (e.g. a rebalance in progress) is thrown: kafkajs handles it by rejoining,
 * and the message, whose offset was not resolved, comes again.
 */
export async function waitWithHeartbeat(
  ms: number,
  heartbeat: () => Promise<void>,
  signal: AbortSignal,
): Promise<boolean> {
  const until = performance.now() + ms;
  for (;;) {
    const left = until - performance.now();
    if (signal.aborted) return false;
    if (left <= 0) return true;
    await sleep(Math.min(left, heartbeatEveryMs), signal);
    if (signal.aborted) return false;
    await heartbeat();
  }
}

/** Waits `ms`, or less if `signal` aborts first; never rejects. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
