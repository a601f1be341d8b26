import type { Logger } from '@cqrs/framework-core';
import type { CommandAnswer, CommandClient, OutgoingCommand } from '@cqrs/framework-command-client';
import type { RetryPolicy } from '../retry/retry-policy';
import { retryDelay } from '../retry/retry-policy';
import { waitWithHeartbeat } from '../retry/wait';

/** How the pipeline may wait: the retry budget, the consumer's heartbeat, and shutdown. */
export interface AttemptControl {
  readonly retry: RetryPolicy;
  readonly heartbeat: () => Promise<void>;
  /** Aborts on shutdown: waiting and sending stop, and nothing is parked or acknowledged. */
  readonly signal: AbortSignal;
  /** Source of jitter in [0, 1); `Math.random` unless a test fixes it. */
  readonly random?: () => number;
}

/** The last answer and how many sends it took, or `stopped` when shutdown cut the retries. */
export type SendResult =
  | { readonly answer: CommandAnswer; readonly attempts: number }
  | { readonly stopped: true; readonly attempts: number };

/**
 * Sends `command` until it is applied or refused, retrying transient failures with backoff
 * (see {@link retryDelay}) up to `retry.attempts` sends. The answer after the budget is the
 * last transient one.
 */
export async function sendWithRetry(
  client: CommandClient,
  command: OutgoingCommand,
  control: AttemptControl,
  logger: Logger,
): Promise<SendResult> {
  const budget = Math.max(1, control.retry.attempts);
  for (let attempt = 1; ; attempt++) {
    const answer = await client.send(command, control.signal);
    // An answer that arrived counts even during shutdown; a cancelled request does not.
    if (answer.outcome === 'transient' && control.signal.aborted) {
      return { stopped: true, attempts: attempt };
    }
    if (answer.outcome !== 'transient' || attempt >= budget) return { answer, attempts: attempt };
    const delayMs = retryDelay(attempt, control.retry, answer.retryAfterMs, control.random);
    logger.warn(
      {
        method: command.method,
        path: command.path,
        status: answer.status,
        detail: answer.detail,
        attempt,
        delayMs,
      },
      'command failed transiently; retrying',
    );
    if (!(await waitWithHeartbeat(delayMs, control.heartbeat, control.signal))) {
      return { stopped: true, attempts: attempt };
    }
  }
}
