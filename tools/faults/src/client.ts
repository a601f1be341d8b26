import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { postWebhook } from '@cqrs/framework-webhooks/testing';

/** How one command ended, as a well-behaved client saw it. */
export type Outcome =
  /** 2xx: the system took it. */
  | 'accepted'
  /** 4xx: refused (a business rule, a conflict); the client does not retry. */
  | 'refused'
  /** 500 or another answer no client can act on: a bug. */
  | 'server_error'
  /** Still unavailable (503/502/504, no connection, no answer) when the client gave up. */
  | 'gave_up';

export interface Answer {
  readonly outcome: Outcome;
  readonly status: number;
  readonly body: unknown;
  readonly etag: string | null;
  /** Sends, the first included: more than one when the system was unavailable for a while. */
  readonly attempts: number;
}

/** What a client counts over a run. */
export interface ClientCounts {
  /** Commands sent (each counted once, however often it was retried). */
  sent: number;
  accepted: number;
  refused: number;
  serverErrors: number;
  gaveUp: number;
  /** Retries after an unavailable answer: how much of the fault the clients saw. */
  retries: number;
  /** A description of each server error and each command given up, for the report. */
  readonly problems: string[];
}

export const emptyCounts = (): ClientCounts => ({
  sent: 0,
  accepted: 0,
  refused: 0,
  serverErrors: 0,
  gaveUp: 0,
  retries: 0,
  problems: [],
});

/** An answer a client retries with the same Idempotency-Key (or webhook id). */
const unavailable = (status: number) => status === 502 || status === 503 || status === 504;

export interface RetryingClientOptions {
  readonly gatewayUrl: string;
  /** The providers' webhook secret the `extevh` apps accept. */
  readonly webhookSecret: string;
  /** How long one command is retried while the system is unavailable (default 120 s). */
  readonly giveUpAfterMs?: number;
  /** The per-send timeout (default 15 s): a send that times out is retried. */
  readonly sendTimeoutMs?: number;
  readonly counts: ClientCounts;
  /** Awaited before each send (a pacer holding the client to a rate); none by default. */
  readonly pace?: () => Promise<void>;
  /** Told of every send: how long its answer took and its status (0: no answer). */
  readonly onSend?: (ms: number, status: number) => void;
}

/**
 * The client a partner or a front end would be: every command carries an Idempotency-Key (a
 * webhook its id) and is sent again with the same one while the system is unavailable (no
 * connection, no answer in time, 502/503/504), with backoff, until `giveUpAfterMs`. So a
 * command the system took once is never taken twice, and an outage only delays commands.
 */
export class RetryingClient {
  private readonly giveUpAfterMs: number;
  private readonly sendTimeoutMs: number;

  constructor(private readonly options: RetryingClientOptions) {
    this.giveUpAfterMs = options.giveUpAfterMs ?? 120_000;
    this.sendTimeoutMs = options.sendTimeoutMs ?? 15_000;
  }

  /** A command through the gateway with bearer `auth`. */
  command(method: string, path: string, auth: string, body?: unknown): Promise<Answer> {
    const key = randomUUID();
    return this.retrying(`${method} ${path}`, async () => {
      const response = await fetch(`${this.options.gatewayUrl}${path}`, {
        method,
        headers: {
          authorization: auth,
          'idempotency-key': key,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.sendTimeoutMs),
      });
      const text = await response.text();
      return { status: response.status, body: parse(text), etag: response.headers.get('etag') };
    });
  }

  /** A provider's signed webhook to `path` of the gateway; retried with the same webhook id. */
  webhook(path: string, payload: { type: string; data: Record<string, string> }): Promise<Answer> {
    const id = `msg_${randomUUID().replace(/-/g, '')}`;
    return this.retrying(`webhook ${payload.type}`, async () => {
      const sent = await withTimeout(
        postWebhook(`${this.options.gatewayUrl}${path}`, {
          payload,
          secrets: [this.options.webhookSecret],
          id,
        }),
        this.sendTimeoutMs,
      );
      return { status: sent.status, body: sent.body, etag: null };
    });
  }

  private async retrying(
    what: string,
    send: () => Promise<{ status: number; body: unknown; etag: string | null }>,
  ): Promise<Answer> {
    const counts = this.options.counts;
    counts.sent++;
    const deadline = Date.now() + this.giveUpAfterMs;
    let lastError = '';
    for (let attempt = 1; ; attempt++) {
      let answer: { status: number; body: unknown; etag: string | null } | undefined;
      await this.options.pace?.();
      const sentAt = performance.now();
      try {
        answer = await send();
      } catch (error) {
        lastError =
          error instanceof Error
            ? ((error.cause as Error)?.message ?? error.message)
            : String(error);
      }
      this.options.onSend?.(performance.now() - sentAt, answer?.status ?? 0);
      if (answer !== undefined && !unavailable(answer.status)) {
        const outcome: Outcome =
          answer.status < 300 ? 'accepted' : answer.status < 500 ? 'refused' : 'server_error';
        if (outcome === 'accepted') counts.accepted++;
        else if (outcome === 'refused') counts.refused++;
        else {
          counts.serverErrors++;
          counts.problems.push(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
        }
        return { outcome, ...answer, attempts: attempt };
      }
      if (answer !== undefined) lastError = `${answer.status} ${JSON.stringify(answer.body)}`;
      if (Date.now() >= deadline) {
        counts.gaveUp++;
        counts.problems.push(`${what}: gave up after ${attempt} attempts (${lastError})`);
        return {
          outcome: 'gave_up',
          status: answer?.status ?? 0,
          body: answer?.body,
          etag: null,
          attempts: attempt,
        };
      }
      counts.retries++;
      await sleep(Math.min(2_000, 100 * 2 ** Math.min(attempt, 5)));
    }
  }
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  const timer = new AbortController();
  try {
    return await Promise.race([
      work,
      sleep(ms, undefined, { signal: timer.signal }).then(() => {
        throw new Error(`no answer within ${ms} ms`);
      }),
    ]);
  } finally {
    timer.abort();
  }
}

/** The version an `ETag` names (`"3"` -> 3), or undefined. */
export const versionOf = (etag: string | null): number | undefined => {
  const digits = /(\d+)/.exec(etag ?? '')?.[1];
  return digits === undefined ? undefined : Number(digits);
};
