import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/** What a steady load saw: every request is either accepted or a failure with its reason. */
export interface LoadResult {
  readonly sent: number;
  /** Ids of the customers registered (201). */
  readonly accepted: readonly string[];
  /** Every answer other than 201, and every connection error, with when it happened. */
  readonly failures: readonly { readonly at: number; readonly reason: string }[];
}

/**
 * Registers customers through the gateway at a fixed rate (`perSecond` for `seconds`, so a
 * bounded number of requests), each with a fresh email and Idempotency-Key, and records every
 * outcome: a 5xx, another unexpected status and a connection error each count as a failure.
 */
export async function registerSteadily(options: {
  readonly gatewayUrl: string;
  readonly token: string;
  readonly perSecond: number;
  readonly seconds: number;
}): Promise<LoadResult> {
  const total = options.perSecond * options.seconds;
  const interval = 1_000 / options.perSecond;
  const started = Date.now();
  const accepted: string[] = [];
  const failures: { at: number; reason: string }[] = [];
  const one = async () => {
    const at = Date.now() - started;
    try {
      const answer = await fetch(`${options.gatewayUrl}/customers`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${options.token}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({ name: 'Load Test', email: `load-${randomUUID()}@example.com` }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await answer.json().catch(() => ({}))) as { id?: string };
      if (answer.status === 201 && body.id) accepted.push(body.id);
      else failures.push({ at, reason: `HTTP ${answer.status}` });
    } catch (error) {
      failures.push({ at, reason: error instanceof Error ? error.message : String(error) });
    }
  };
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    if (due > Date.now()) await sleep(due - Date.now());
    inFlight.push(one());
  }
  await Promise.all(inFlight);
  return { sent: total, accepted, failures };
}
