import type { Logger } from 'pino';
import type { LeaderElector, LeaderElectorOptions } from '../lease/leader-elector';
import { createLeaderElector } from '../lease/leader-elector';
import type { Db } from 'mongodb';
import type { Lease } from '../lease/lease';
import { createLease, defaultLeaseOwner } from '../lease/lease';
import type { ChangeStreamSubscriber } from './subscriber-options';

export interface RunWithLeaseOptions {
  readonly logger: Logger;
  readonly pollIntervalMs?: LeaderElectorOptions['pollIntervalMs'];
  readonly safetyMarginMs?: LeaderElectorOptions['safetyMarginMs'];
}

const aborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });

/**
 * Runs `subscriber` only while `lease` is ours: the one-active shape of `evp` and `chgh`. Every
 * replica calls this with the same lease name; the holder streams, the others are hot standbys.
 * When the holder dies, a standby takes over within about the lease ttl and resumes from the
 * subscriber's checkpoint; when it loses the lease, it finishes and checkpoints its in-flight
 * batch before the next term can start anywhere it could overlap (see the elector's margin).
 *
 * Returns the started elector; `stop()` on it stops the subscriber and releases the lease.
 */
export function runWithLease(
  lease: Lease,
  subscriber: ChangeStreamSubscriber,
  options: RunWithLeaseOptions,
): LeaderElector {
  const elector = createLeaderElector({
    ...options,
    lease,
    async onAcquired(signal) {
      await subscriber.start();
      await aborted(signal);
      await subscriber.stop();
    },
  });
  elector.start();
  return elector;
}

/**
 * The one-active role in one call: a lease named `name` (held for `ttlMs`, this process as
 * owner) and `subscriber` running while this replica holds it. Every replica of a role passes
 * the same name; the subscriber's checkpoint should share it.
 */
export function runOneActive(
  db: Db,
  subscriber: ChangeStreamSubscriber,
  options: RunWithLeaseOptions & { readonly name: string; readonly ttlMs: number },
): LeaderElector {
  const lease = createLease({
    db,
    name: options.name,
    owner: defaultLeaseOwner(),
    ttlMs: options.ttlMs,
    now: () => new Date(),
    logger: options.logger,
  });
  return runWithLease(lease, subscriber, { logger: options.logger });
}
