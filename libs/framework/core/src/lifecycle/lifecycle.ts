import type { Logger } from '../logging/logger';

export type Stopper = () => Promise<void> | void;

export interface LifecycleOptions {
  readonly logger: Logger;
  /** How long shutdown may take after a signal before the process exits with 1. */
  readonly graceMs: number;
}

/** Members are plain functions, so they can be passed on unbound (`isStopping: lc.isStopping`). */
export interface Lifecycle {
  /**
   * Registers something to stop on shutdown. Stoppers run one at a time in reverse order of
   * registration: what started last (usually the HTTP server) stops first.
   */
  readonly onStop: (name: string, stop: Stopper) => void;
  /** True from the moment shutdown starts; `/readyz` then answers 503. */
  readonly isStopping: () => boolean;
  /**
   * Runs every stopper once, even when one fails. Calling it again returns the same promise.
   * @throws AggregateError naming the stoppers that failed.
   */
  readonly stop: (reason: string) => Promise<void>;
  /**
   * SIGTERM/SIGINT stop the app once, then exit 0; exit 1 when a stopper failed or the grace
   * period passed. A second signal exits at once (a second Ctrl-C). Returns an uninstaller.
   */
  readonly installSignalHandlers: () => () => void;
}

/** Creates the shutdown sequence of one process. */
export function createLifecycle(options: LifecycleOptions): Lifecycle {
  const { logger, graceMs } = options;
  const stoppers: { name: string; stop: Stopper }[] = [];
  let stopping: Promise<void> | undefined;

  const runStoppers = async (reason: string): Promise<void> => {
    logger.info({ reason }, 'stopping');
    const failures: unknown[] = [];
    for (const { name, stop } of [...stoppers].reverse()) {
      const started = Date.now();
      try {
        await stop();
        logger.info({ component: name, ms: Date.now() - started }, 'stopped');
      } catch (error) {
        logger.error({ err: error, component: name }, 'stop failed');
        failures.push(error);
      }
    }
    if (failures.length > 0) {
      throw new AggregateError(failures, `${failures.length} stopper(s) failed`);
    }
    logger.info('stopped cleanly');
  };

  const lifecycle: Lifecycle = {
    onStop: (name, stop) => {
      stoppers.push({ name, stop });
    },
    isStopping: () => stopping !== undefined,
    stop: (reason) => (stopping ??= runStoppers(reason)),
    installSignalHandlers: () => {
      let graceTimer: NodeJS.Timeout | undefined;
      const exit = (code: number) => {
        clearTimeout(graceTimer);
        process.exit(code);
      };
      const onSignal = (signal: NodeJS.Signals): void => {
        if (lifecycle.isStopping()) {
          logger.warn({ signal }, 'second signal while stopping: exiting now');
          exit(1);
          return;
        }
        // unref: a clean stop must not wait for this timer to exit.
        graceTimer = setTimeout(() => {
          logger.error({ graceMs }, 'shutdown took longer than the grace period: exiting');
          process.exit(1);
        }, graceMs).unref();
        lifecycle.stop(signal).then(
          () => exit(0),
          () => exit(1),
        );
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      // Uninstalling also disarms a pending grace period (tests stub process.exit, then restore it).
      return () => {
        clearTimeout(graceTimer);
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      };
    },
  };
  return lifecycle;
}
