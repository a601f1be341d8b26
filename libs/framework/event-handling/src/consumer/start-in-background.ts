import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { EventHandler } from './event-handler';

/** The consumer as the app sees it while it starts in the background. */
export interface BackgroundStart {
  /** True until the consumer has joined its group for the first time. */
  readonly starting: () => boolean;
  /** Ends the attempts and stops the consumer. */
  readonly stop: () => Promise<void>;
}

/**
 * Starts the consumer without holding up the app: the topic's publisher is another service's
 * `evp`, deployed on its own and maybe later, so `evh` serves its probes and API at once and
 * keeps trying (each attempt waits for the topic, then joins the group) until it consumes.
 */
export function startInBackground(
  handler: Pick<EventHandler, 'start' | 'stop'>,
  logger: Logger,
  retryDelayMs = 5_000,
): BackgroundStart {
  let starting = true;
  let stopped = false;
  const attempts = (async () => {
    while (!stopped) {
      try {
        await handler.start();
        starting = false;
        return;
      } catch (err) {
        if (stopped) return;
        logger.warn({ err }, 'event handler not started yet; trying again');
        await sleep(retryDelayMs);
      }
    }
  })();
  return {
    starting: () => starting,
    stop: async () => {
      stopped = true;
      await handler.stop();
      await attempts;
      // An attempt that was past its wait when stop came may have started the consumer.
      await handler.stop();
    },
  };
}
