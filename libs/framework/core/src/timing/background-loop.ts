/** A long-running loop with a start/stop lifecycle, e.g. a change-stream consumer. */
export interface BackgroundLoop {
  /** Starts the loop unless it runs; resolves once it reported itself ready (or ended). */
  start(): Promise<void>;
  /** Aborts the loop's signal and waits until the loop returned. */
  stop(): Promise<void>;
  /** From `start` until `stop` returned. */
  isRunning(): boolean;
}

/**
 * Runs `loop` in the background between `start` and `stop`. The loop must watch `stop` and
 * return soon after it aborts, and must not reject (it owns its error handling); `ready` tells
 * `start` when the loop is set up. The same instance can be started again after `stop`.
 */
export function backgroundLoop(
  loop: (stop: AbortSignal, ready: () => void) => Promise<void>,
): BackgroundLoop {
  let running: { stop: AbortController; ready: Promise<void>; done: Promise<void> } | undefined;
  return {
    start() {
      if (running) return running.ready;
      const stop = new AbortController();
      let markReady!: () => void;
      const ready = new Promise<void>((resolve) => (markReady = resolve));
      running = { stop, ready, done: loop(stop.signal, markReady).finally(markReady) };
      return ready;
    },
    async stop() {
      const current = running;
      if (!current) return;
      current.stop.abort();
      await current.done;
      if (running === current) running = undefined;
    },
    isRunning: () => running !== undefined,
  };
}
