import type { Lease } from '../lease/lease';

/**
 * Wraps a lease so a test can make its holder "die": after `kill()` every call hangs, like a
 * replica cut off from MongoDB, and nothing is released. `revive()` lets the hung calls settle
 * (with `false`) so the test can shut down. `renewals()` counts successful renewals.
 */
export function killable(
  lease: Lease,
): Lease & { kill(): void; revive(): void; renewals(): number } {
  let dead = false;
  let renewals = 0;
  const hung: Array<() => void> = [];
  const hang = <T>(value: T) =>
    new Promise<T>((resolve) => {
      hung.push(() => resolve(value));
    });
  return {
    ...lease,
    tryAcquire: () => (dead ? hang(false) : lease.tryAcquire()),
    renew: async () => {
      if (dead) return hang(false);
      const renewed = await lease.renew();
      if (renewed) renewals += 1;
      return renewed;
    },
    release: () => (dead ? hang(undefined) : lease.release()),
    remainingMs: () => lease.remainingMs(),
    renewals: () => renewals,
    kill() {
      dead = true;
    },
    revive() {
      dead = false;
      hung.splice(0).forEach((settle) => settle());
    },
  };
}
