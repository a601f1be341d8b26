import type { Db } from 'mongodb';
import type { BaseConfig, ServiceRuntime } from '@cqrs/framework-core';
import { createLease, defaultLeaseOwner } from './lease';
import { createLeaderElector } from './leader-elector';
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

/**
 * Runs `task` every `everyMs` on at most one replica of the app: the one holding the lease
 * `<SERVICE_NAME>:<job>`; the others stand by and take over when it stops or dies (cron jobs of
 * `cmdh`). Stops with the app.
 */
export function scheduleOnOneReplica(
  runtime: ServiceRuntime<BaseConfig>,
  db: Db,
  job: {
    readonly name: string;
    readonly everyMs: number;
    readonly leaseTtlMs: number;
    readonly task: (signal: AbortSignal) => Promise<void>;
  },
): void {
  const logger = runtime.logger.child({ module: job.name });
  const elector = createLeaderElector({
    lease: createLease({
      db,
      name: `${runtime.config.SERVICE_NAME}:${job.name}`,
      owner: defaultLeaseOwner(),
      ttlMs: job.leaseTtlMs,
      now: () => new Date(),
      logger,
    }),
    logger,
    onAcquired: (signal) => runEvery(signal, job.everyMs, job.task, logger),
  });
  elector.start();
  runtime.lifecycle.onStop(job.name, () => elector.stop());
}
