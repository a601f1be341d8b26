import type { Logger } from 'pino';

/**
 * Runs `task` now and then every `everyMs` until `signal` aborts (the lease was lost or the app
 * stops). Meant as the `onAcquired` of a leader elector, so a cron job of `cmdh` runs on at most
 * one replica at a time. A failing run is logged and retried at the next tick.
 */
export async function runEvery(
  signal: AbortSignal,
  everyMs: number,
  task: (signal: AbortSignal) => Promise<void>,
  logger: Logger,
): Promise<void> {
  while (!signal.aborted) {
    try {
      await task(signal);
    } catch (error) {
      logger.error({ err: error }, 'scheduled job failed; retrying at the next tick');
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, everyMs);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
