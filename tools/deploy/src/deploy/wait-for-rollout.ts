import type { V1Deployment } from '@kubernetes/client-node';
import { rolloutStatus } from './rollout-status';

export interface WaitForRolloutOptions {
  /** Reads the Deployment (undefined when it is gone). */
  readonly read: () => Promise<V1Deployment | undefined>;
  /** Told each new status message. */
  readonly progress: (message: string) => void;
  /** Gives up after this long even if the controller never reports (e.g. it is down). */
  readonly timeoutMs: number;
  readonly pollMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export type RolloutResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls the Deployment until `rolloutStatus` says done or failed, or the timeout passes. */
export async function waitForRollout(options: WaitForRolloutOptions): Promise<RolloutResult> {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  let last = '';
  for (;;) {
    const deployment = await options.read();
    if (deployment === undefined) return { ok: false, reason: 'the deployment was deleted' };
    const status = rolloutStatus(deployment);
    if (status.message !== last) options.progress(status.message);
    last = status.message;
    if (status.state === 'done') return { ok: true };
    if (status.state === 'failed') return { ok: false, reason: status.message };
    if (now() >= deadline) {
      return {
        ok: false,
        reason: `rollout not finished after ${Math.round(options.timeoutMs / 1000)} s: ${status.message}`,
      };
    }
    await sleep(options.pollMs ?? 1_000);
  }
}
