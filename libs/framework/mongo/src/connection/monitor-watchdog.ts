import type { MongoClient } from 'mongodb';
import type { Logger } from 'pino';

export interface MonitorWatchdogOptions {
  readonly client: MongoClient;
  readonly logger: Logger;
  /** A heartbeat running longer than this is stuck (default 30 s: six connect timeouts). */
  readonly stuckAfterMs?: number;
  /** How often to look (default 5 s). */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

export interface MonitorWatchdog {
  /** Looks once; resolves after a reconnection it started. Called by the interval. */
  check(): Promise<void>;
  /** How often it reconnected the client. */
  readonly reconnections: () => number;
  stop(): void;
}

/**
 * Watches the driver's server monitor and reconnects the client when a heartbeat never ends.
 *
 * The driver (7.9) can lose a heartbeat for good: when the server closes the monitor's connection
 * between the request and the reply (a server that restarts does), the `hello` neither succeeds nor
 * fails, the monitor waits for it forever, and once an operation has marked the server unknown no
 * server is ever selected again: the app answers 503 until it is restarted. Reproduced against the
 * embedded engine in about one restart in three (tools/faults). A heartbeat takes at most the connect
 * timeout, so one that has been running for `stuckAfterMs` is stuck; closing the client and
 * connecting it again (the driver supports that; every `Db` and `Collection` stays valid) brings a
 * fresh monitor. Operations in flight at that moment fail as transient (503, retried).
 */
export function watchMonitor(options: MonitorWatchdogOptions): MonitorWatchdog {
  const { client, logger } = options;
  const stuckAfterMs = options.stuckAfterMs ?? 30_000;
  const now = options.now ?? Date.now;
  // Start time of each server's heartbeat that has not ended yet.
  const running = new Map<string, number>();
  let reconnections = 0;
  let reconnecting: Promise<void> | undefined;

  const onStarted = (event: { connectionId: string }) => running.set(event.connectionId, now());
  const onEnded = (event: { connectionId: string }) => running.delete(event.connectionId);
  client.on('serverHeartbeatStarted', onStarted);
  client.on('serverHeartbeatSucceeded', onEnded);
  client.on('serverHeartbeatFailed', onEnded);

  const reconnect = async (server: string, runningMs: number) => {
    reconnections++;
    logger.error(
      { server, heartbeatRunningMs: runningMs },
      'MongoDB driver monitor stuck in a heartbeat; reconnecting the client',
    );
    running.clear();
    try {
      await client.close();
      await client.connect();
      logger.info({ server }, 'MongoDB client reconnected');
    } catch (error) {
      // The next look tries again if the new monitor gets stuck too; operations connect on use.
      logger.warn({ server, err: error }, 'MongoDB client could not reconnect yet');
    }
  };

  const check = async (): Promise<void> => {
    if (reconnecting !== undefined) return reconnecting;
    for (const [server, startedAt] of running) {
      const runningMs = now() - startedAt;
      if (runningMs >= stuckAfterMs) {
        reconnecting = reconnect(server, runningMs).finally(() => {
          reconnecting = undefined;
        });
        return reconnecting;
      }
    }
  };

  const timer = setInterval(() => void check(), options.intervalMs ?? 5_000);
  timer.unref();
  return {
    check,
    reconnections: () => reconnections,
    stop() {
      clearInterval(timer);
      client.off('serverHeartbeatStarted', onStarted);
      client.off('serverHeartbeatSucceeded', onEnded);
      client.off('serverHeartbeatFailed', onEnded);
    },
  };
}
