import { z } from 'zod';
import type { Logger } from '@cqrs/framework-core';
import { runWithContext } from '@cqrs/framework-core';
import type { CloudEvent } from '@cqrs/framework-kafka';
import { fromKafkaMessage } from '@cqrs/framework-kafka';
import type { CommandClient } from '@cqrs/framework-command-client';
import type { ParkReason, RawMessage } from '../parking/parked-event';
import { headersOf, undecodableId } from '../parking/parked-event';
import type { EventCommand } from '../routing/command-call';
import { idempotencyKeyFor, invalidCommandCalls } from '../routing/command-call';
import type { EventRoute, EventRoutes } from '../routing/event-routes';
import { inConsumerSpan } from './consumer-span';
import type { AttemptControl } from './send-with-retry';
import { sendWithRetry } from './send-with-retry';

/** What the pipeline needs besides the message. */
export interface Pipeline {
  readonly routes: EventRoutes;
  readonly client: CommandClient;
  readonly logger: Logger;
}

/** How handling one message ended; `failed` messages are parked by the caller. */
export type Verdict =
  | {
      readonly kind: 'handled';
      readonly id: string;
      readonly type: string;
      readonly attempts: number;
    }
  | { readonly kind: 'ignored'; readonly id: string; readonly type: string }
  | {
      readonly kind: 'failed';
      readonly id: string;
      readonly type?: string;
      readonly reason: ParkReason;
      readonly attempts: number;
    }
  /** Shutdown interrupted it: neither handled nor parked, the message must come again. */
  | { readonly kind: 'stopped' };

// Zod's issue list of a large payload can be long; parked events keep the start of it.
const maxMessageLength = 2_000;

/**
 * Runs one message through the `evh` pipeline: decode the CloudEvent, find the route of its
 * type (none: ignored), validate its data, map it to commands and send them in order, each
 * with an Idempotency-Key derived from the event id. Never throws for a bad message or a
 * failing target: that is a `failed` verdict with the reason to park it under.
 */
export function handleMessage(
  pipeline: Pipeline,
  message: RawMessage,
  control: AttemptControl,
): Promise<Verdict> {
  const decoded = fromKafkaMessage({ value: message.value, headers: headersOf(message) });
  if (!decoded.ok) {
    const { reason, message: why } = decoded.error;
    return Promise.resolve(failed(undecodableId(message), undefined, reason, why, 0));
  }
  const { event } = decoded;
  const context = {
    requestId: event.id,
    correlationId: event.correlationid ?? event.id,
    causationId: event.id,
  };
  return runWithContext(context, () =>
    inConsumerSpan(message, event, () => handleEvent(pipeline, event, control)),
  );
}

async function handleEvent(
  pipeline: Pipeline,
  event: CloudEvent,
  control: AttemptControl,
): Promise<Verdict> {
  const { id, type } = event;
  const route = routeOf(pipeline.routes, type);
  if (route === undefined) return { kind: 'ignored', id, type };
  const data = route.data.safeParse(event.data);
  if (!data.success) {
    return failed(id, type, 'invalid_data', z.prettifyError(data.error), 0);
  }
  let calls: readonly EventCommand[];
  try {
    calls = route.toCommands(event, data.data);
  } catch (error) {
    pipeline.logger.error({ err: error, eventId: id, type }, 'event mapping threw');
    return failed(id, type, 'mapping_failed', `mapping threw: ${String(error)}`, 0);
  }
  const invalid = invalidCommandCalls(calls);
  if (invalid !== undefined) return failed(id, type, 'mapping_failed', invalid, 0);

  let attempts = 0;
  for (const call of calls) {
    const command = {
      method: call.method,
      path: call.path,
      body: call.body,
      idempotencyKey: idempotencyKeyFor(event, call.key),
      correlationId: event.correlationid ?? id,
      requestId: id,
    };
    const result = await sendWithRetry(pipeline.client, command, control, pipeline.logger);
    attempts += result.attempts;
    if ('stopped' in result) return { kind: 'stopped' };
    const { answer } = result;
    const target = `${call.method} ${call.path}`;
    if (answer.outcome === 'refused') {
      return failed(id, type, 'refused', answer.detail, attempts, {
        status: answer.status,
        command: target,
        ...(answer.reason === undefined ? {} : { problemReason: answer.reason }),
      });
    }
    if (answer.outcome === 'transient') {
      const why = `gave up after ${result.attempts} attempts: ${answer.detail}`;
      return failed(id, type, 'retries_exhausted', why, attempts, {
        command: target,
        ...(answer.status === undefined ? {} : { status: answer.status }),
      });
    }
  }
  return { kind: 'handled', id, type, attempts };
}

/** The route of `type`; own keys only, so `constructor` or `__proto__` is no route. */
const routeOf = (routes: EventRoutes, type: string): EventRoute | undefined =>
  Object.hasOwn(routes, type) ? routes[type] : undefined;

const failed = (
  id: string,
  type: string | undefined,
  code: ParkReason['code'],
  message: string,
  attempts: number,
  extra: Omit<ParkReason, 'code' | 'message'> = {},
): Verdict => ({
  kind: 'failed',
  id,
  ...(type === undefined ? {} : { type }),
  reason: { code, message: message.slice(0, maxMessageLength), ...extra },
  attempts,
});
