import type { Logger } from 'pino';
import { backgroundLoop, sleep, within } from '@cqrs/framework-core';
import type { Lease } from './lease';
import type { LeadershipEnd, LeaseHandlers } from './lease-handlers';
import { releaseQuietly, runTerm } from './leadership-term';

export interface LeaderElectorOptions extends LeaseHandlers {
  readonly lease: Lease;
  readonly logger: Logger;
  /** How often a standby tries to acquire and the leader renews; default ttl / 3. */
  readonly pollIntervalMs?: number;
  /**
   * The leader steps down this long before its lease expires by its own clock, so a standby
   * whose clock runs ahead by less than this never overlaps with it; default ttl / 3.
   */
  readonly safetyMarginMs?: number;
}

/** Keeps one replica of a role active and the others on hot standby. */
export interface LeaderElector {
  /** Starts competing for the lease in the background. */
  start(): void;
  /** Ends any term (aborts, waits for `onAcquired`, releases the lease) and stops competing. */
  stop(): Promise<void>;
  isLeader(): boolean;
  /**
   * Whether this replica has tried for the lease at least once since `start`: before that it is
   * neither leader nor known standby (readiness waits for it, so a fresh single replica is not
   * ready before its term began).
   */
  hasDecided(): boolean;
}

/**
 * Runs `onAcquired` while `lease` is ours. Standbys poll every `pollIntervalMs`, so one takes
 * over within about ttl + poll after a leader dies, and within one poll after a leader stops
 * cleanly. The leader renews every `pollIntervalMs` and aborts the signal as soon as a renewal
 * is refused, or when renewals kept failing until `safetyMarginMs` before expiry. A new term
 * starts only after the previous `onAcquired` settled: never two terms at once.
 */
export function createLeaderElector(options: LeaderElectorOptions): LeaderElector {
  const { lease } = options;
  const pollIntervalMs = options.pollIntervalMs ?? Math.max(1, Math.floor(lease.ttlMs / 3));
  const safetyMarginMs = options.safetyMarginMs ?? Math.floor(lease.ttlMs / 3);
  if (safetyMarginMs + pollIntervalMs >= lease.ttlMs) {
    throw new RangeError('pollIntervalMs + safetyMarginMs must stay below the lease ttl');
  }
  const log = options.logger.child({
    module: 'leader-elector',
    lease: lease.name,
    owner: lease.owner,
  });
  let leader = false;
  let decided = false;
  const settings = {
    ...options,
    pollIntervalMs,
    safetyMarginMs,
    log,
    onLost: (reason: LeadershipEnd) => {
      leader = false;
      options.onLost?.(reason);
    },
  };

  const loop = backgroundLoop(async (stop, ready) => {
    decided = false;
    ready();
    while (!stop.aborted) {
      const acquired = await within(lease.tryAcquire(), lease.ttlMs, false, stop).catch(
        (error: unknown) => {
          log.warn({ err: error }, 'could not try to acquire the lease');
          return false;
        },
      );
      decided = true;
      if (acquired && stop.aborted) {
        await releaseQuietly(lease, pollIntervalMs, log);
      } else if (acquired) {
        leader = true;
        await runTerm(settings, stop).finally(() => (leader = false));
      }
      await sleep(pollIntervalMs, stop);
    }
  });

  return {
    start: () => void loop.start(),
    stop: () => loop.stop(),
    isLeader: () => leader,
    hasDecided: () => decided,
  };
}
