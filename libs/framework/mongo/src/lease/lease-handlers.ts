/** Why a term of leadership ended. */
export type LeadershipEnd = 'lost' | 'lapsed' | 'failed' | 'stopped';

/** What a replica does when it becomes, and stops being, the leader. */
export interface LeaseHandlers {
  /**
   * Called when this replica becomes the leader. Do the work until `signal` aborts (or start it
   * and return; then stop it in `onLost`). A rejection ends the term and releases the lease.
   */
  readonly onAcquired: (signal: AbortSignal) => Promise<void> | void;
  /** Called once per term, right after `signal` aborted. */
  readonly onLost?: (reason: LeadershipEnd) => void;
}
