import type { ReadinessReport } from '@cqrs/framework-core';
import type { LeaderElector } from '../lease/leader-elector';
import type { ChangeStreamSubscriber } from './subscriber-options';

/**
 * `/readyz` of a one-active role (`evp`, `chgh`, the `extevp` dispatcher). A standby is ready:
 * it serves no traffic, and an unready standby would stall every rolling update (new pods start
 * as standbys while the old one holds the lease). So ready = MongoDB answers AND the replica
 * tried for the lease AND (standby OR the leader's stream is open); `leader` and `changeStream`
 * say which replica does the work.
 */
export function oneActiveReadiness(
  ping: () => Promise<boolean>,
  elector: Pick<LeaderElector, 'isLeader' | 'hasDecided'>,
  subscriber: Pick<ChangeStreamSubscriber, 'isRunning'>,
): () => Promise<ReadinessReport> {
  return async () => {
    const mongo = await ping();
    const leader = elector.isLeader();
    const changeStream = leader && subscriber.isRunning();
    const ready = mongo && elector.hasDecided() && (!leader || changeStream);
    return { ready, checks: { mongo, leader, changeStream } };
  };
}
