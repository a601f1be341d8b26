import type { Logger } from '@cqrs/framework-core';
import { AppError } from '@cqrs/framework-core';
import type { ParkedEvent, ParkReason, RawMessage } from '../parking/parked-event';
import type { ParkedEventStore, ParkRequest } from '../parking/parked-event-store';
import type { Pipeline, Verdict } from '../pipeline/handle-message';
import { handleMessage } from '../pipeline/handle-message';
import type { RetryPolicy } from '../retry/retry-policy';

/** What a replay needs from its handler. */
export interface ReplayContext {
  readonly pipeline: Pipeline;
  readonly parked: ParkedEventStore;
  readonly retry: RetryPolicy;
  readonly now: () => Date;
  readonly logger: Logger;
  /** Told of each event a replay handled (for the metrics). */
  readonly onReplayed?: (event: ParkedEvent) => void;
}

/** The parking of `message` under `id` for a failed verdict. */
export const parkRequest = (
  id: string,
  message: RawMessage,
  verdict: Extract<Verdict, { kind: 'failed' }>,
  parkedAt: Date,
): ParkRequest => ({
  id,
  message,
  ...(verdict.type === undefined ? {} : { type: verdict.type }),
  reason: verdict.reason,
  attempts: verdict.attempts,
  parkedAt,
});

/**
 * Runs parked event `id` through the pipeline once (one attempt per command, no Kafka). See
 * `EventHandler.replayParkedEvent`. The request waits for one answer per command only, so an
 * operator's call stays short; the retry budget is for the consumer.
 */
export async function replayParkedEvent(context: ReplayContext, id: string): Promise<ParkedEvent> {
  const { pipeline, parked, now, logger } = context;
  const event = await parked.get(id);
  if (event === null) throw notFound(id);
  // Replayed before: answering with the earlier result sends nothing twice.
  if (event.status === 'replayed') return event;
  if (event.status === 'discarded') {
    throw new AppError('conflict', `Event ${id} was discarded; it is not replayed`, {
      retriable: false,
      details: { reason: 'parked_event_discarded' },
    });
  }
  const message = rawOf(event);
  const verdict = await handleMessage(pipeline, message, {
    retry: { ...context.retry, attempts: 1 },
    heartbeat: () => Promise.resolve(),
    signal: new AbortController().signal,
  });
  if (verdict.kind === 'failed') {
    await parked.park(parkRequest(event._id, message, verdict, now()));
    logger.warn({ eventId: event._id, reason: verdict.reason }, 'replayed event parked again');
    throw replayError(event._id, verdict.reason);
  }
  if (verdict.kind === 'stopped') {
    // Replays are never cancelled; kept so every verdict has an answer.
    throw new AppError('unavailable', `Replay of ${id} was interrupted`, { retriable: true });
  }
  const replayed = await parked.markReplayed(event._id, now());
  if (replayed === null) throw notFound(id);
  if (replayed.status === 'replayed') context.onReplayed?.(event);
  logger.info({ eventId: event._id, outcome: verdict.kind }, 'parked event replayed');
  return replayed;
}

/**
 * The error a failed replay answers with; the event stays parked under `reason` either way.
 * A target still unreachable is a retriable 503; anything else (refused again, still invalid)
 * is a 422 naming the park reason, and `cmdh`'s own reason and status when it refused.
 */
export function replayError(id: string, reason: ParkReason): AppError {
  const details = {
    reason: reason.code,
    ...(reason.status === undefined ? {} : { status: reason.status }),
    ...(reason.problemReason === undefined ? {} : { problemReason: reason.problemReason }),
    ...(reason.command === undefined ? {} : { command: reason.command }),
  };
  if (reason.code === 'retries_exhausted') {
    return new AppError('unavailable', `Event ${id} could not be sent: ${reason.message}`, {
      retriable: true,
      details,
    });
  }
  return new AppError('rule_violated', `Event ${id} is still parked: ${reason.message}`, {
    details,
  });
}

const notFound = (id: string) =>
  new AppError('not_found', `No parked event ${id}`, {
    details: { reason: 'parked_event_not_found' },
  });

/** The message a parked event was made from. */
const rawOf = (event: ParkedEvent): RawMessage => ({
  topic: event.topic,
  partition: event.partition,
  offset: event.offset,
  key: event.key,
  headers: event.headers,
  value: event.value,
});
