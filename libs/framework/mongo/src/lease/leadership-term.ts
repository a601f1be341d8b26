import type { Logger } from 'pino';
import { sleep, within } from '@cqrs/framework-core';
import type { Lease } from './lease';
import type { LeadershipEnd, LeaseHandlers } from './lease-handlers';

export interface TermSettings extends LeaseHandlers {
  readonly lease: Lease;
  readonly pollIntervalMs: number;
  readonly safetyMarginMs: number;
  readonly log: Logger;
}

/**
 * One term of leadership, from a granted lease to its end: runs `onAcquired`, renews every poll
 * interval, and ends when a renewal is refused ('lost'), when renewals kept failing until the
 * safety margin before expiry ('lapsed'), when the work failed, or on `stop`. Returns only after
 * the work settled, so the next term never overlaps this one; a failed or stopped term releases
 * the lease so a standby need not wait for it to expire.
 */
export async function runTerm(settings: TermSettings, stop: AbortSignal): Promise<LeadershipEnd> {
  const { lease, pollIntervalMs: poll, safetyMarginMs: margin, log } = settings;
  const controller = new AbortController();
  const failed = new AbortController();
  log.info({ remainingMs: lease.remainingMs() }, 'lease acquired; leading');
  const work = Promise.resolve()
    .then(() => settings.onAcquired(controller.signal))
    .catch((error: unknown) => {
      log.error({ err: error }, 'leader work failed; stepping down');
      failed.abort();
    });
  const wake = AbortSignal.any([stop, failed.signal]);
  const untilStepDown = () => lease.remainingMs() - margin;
  let end: LeadershipEnd | undefined;
  let retrying = false;
  while (!end) {
    await sleep(Math.min(retrying ? poll / 4 : poll, untilStepDown()), wake);
    if (stop.aborted) end = 'stopped';
    else if (failed.signal.aborted) end = 'failed';
    else if (untilStepDown() <= 0) end = 'lapsed';
    else {
      // A renewal stuck on a dead connection must not keep us leading past the margin.
      const renewed = await within(lease.renew(), untilStepDown(), 'timeout', wake).catch(
        (error: unknown) => {
          log.warn({ err: error }, 'lease renewal failed; retrying until the safety margin');
          return 'error' as const;
        },
      );
      retrying = renewed === 'error';
      if (renewed === false) end = 'lost';
    }
  }
  controller.abort(new Error(`leadership ${end}`));
  log[end === 'stopped' ? 'info' : 'warn']({ reason: end }, 'no longer leading');
  try {
    settings.onLost?.(end);
  } catch (error) {
    log.error({ err: error }, 'onLost failed');
  }
  await settled(work, lease.ttlMs, log);
  if (end === 'stopped' || end === 'failed') await releaseQuietly(lease, poll, log);
  return end;
}

// Work that ignores its abort signal keeps the next term from starting; make that visible.
async function settled(work: Promise<void>, warnAfterMs: number, log: Logger): Promise<void> {
  const late = setTimeout(
    () => log.warn('leader work still running after losing the lease'),
    warnAfterMs,
  );
  await work;
  clearTimeout(late);
}

/** Releases the lease without waiting long or throwing: if it fails, the lease just expires. */
export async function releaseQuietly(lease: Lease, waitMs: number, log: Logger): Promise<void> {
  const outcome = await within(lease.release(), waitMs, 'timeout').catch((e: unknown) => e);
  if (outcome !== undefined) log.warn({ err: outcome }, 'lease not released; it will expire');
}
