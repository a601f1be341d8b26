import type { Logger } from '@cqrs/framework-core';
import { AppError, fieldErrors } from '@cqrs/framework-core';
import type { CommandAnswer, CommandClient } from '@cqrs/framework-command-client';
import { mapMongoError } from '@cqrs/framework-mongo';
import { verifyWebhook, WebhookVerificationError } from '../standard-webhooks/verify-webhook';
import type { InboundWebhook } from './inbound-webhook';
import type { InboundWebhookStore } from './inbound-webhook-store';
import type { WebhookIntake } from './webhook-intake';
import { webhookCommandId } from './webhook-intake';
import type { WebhookIntakeMetrics, WebhookOutcome } from './webhook-intake-metrics';
import type { WebhookReceipt } from './webhook-route';

/** What the intake needs besides the webhook. */
export interface WebhookIntakeDeps {
  readonly store: InboundWebhookStore;
  /** To the service's own `cmdh`. */
  readonly client: CommandClient;
  /** Every secret accepted now (several while one is rotated). */
  readonly secrets: readonly string[];
  readonly toleranceSeconds: number;
  readonly metrics: WebhookIntakeMetrics;
  readonly now: () => Date;
}

/** One request to a hook route, as the HTTP edge hands it over. */
export interface IncomingWebhook {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly rawBody: Buffer;
  readonly correlationId: string;
  readonly log: Logger;
}

// The webhook id becomes the command's request id and the stored document's id: the request id
// rule of every app (short, plain tokens).
const acceptableId = /^[\w.:@-]{1,128}$/;

// Refusals the same command can never overcome: the target is missing or the domain said no.
// Other 4xx (400, 401, 403, 409) mean a bug, a misconfiguration or contention on this side;
// the provider's retry gives them another chance.
const businessRefusals = new Set([404, 422]);

/**
 * Runs one webhook through the intake: verify the signature on the raw body (401), parse and
 * validate the payload (400), store it under its id (a webhook applied or refused before is
 * answered from the record), send its command to `cmdh` with an id derived from the webhook
 * id, record the outcome. Applied and business refusals give a receipt (200); anything the
 * provider's retry may fix throws `unavailable` (503) and leaves the webhook `pending`.
 */
export async function receiveWebhook(
  intake: WebhookIntake,
  deps: WebhookIntakeDeps,
  incoming: IncomingWebhook,
): Promise<WebhookReceipt> {
  const { provider } = intake;
  const log = incoming.log.child({ provider });
  const count = (outcome: WebhookOutcome) => deps.metrics.webhooks.inc({ provider, outcome });
  const receivedAt = deps.now();

  let id: string;
  let timestampSeconds: number;
  try {
    ({ id, timestampSeconds } = verifyWebhook({
      headers: incoming.headers,
      rawBody: incoming.rawBody,
      secrets: deps.secrets,
      toleranceSeconds: deps.toleranceSeconds,
      nowSeconds: Math.floor(receivedAt.getTime() / 1000),
    }));
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    count('unverified');
    log.warn({ reason: error.reason }, 'webhook not verified');
    throw new AppError('unauthenticated', 'The webhook signature or timestamp is not valid.', {
      cause: error,
      details: { reason: error.reason },
    });
  }
  const webhookLog = log.child({ webhookId: id });
  let payload: unknown;
  try {
    payload = parsePayload(intake, id, incoming.rawBody);
  } catch (error) {
    count('invalid');
    webhookLog.warn({ err: error }, 'webhook payload invalid');
    throw error;
  }

  const commandId = webhookCommandId(provider, id);
  const stored = await deps.store
    .receive({
      id,
      provider,
      ...typeOf(payload),
      rawBody: incoming.rawBody.toString('utf8'),
      timestampSeconds,
      commandId,
      receivedAt,
    })
    .catch((error: unknown) => {
      count('unavailable');
      throw mapMongoError(error, 'inbound_webhooks.receive');
    });
  if (stored.status !== 'pending') {
    count('duplicate');
    webhookLog.info({ status: stored.status }, 'webhook handled before; answered from the record');
    return receiptOf(stored, true);
  }

  const command = intake.toCommand(payload);
  const answer = await deps.client.send({
    ...command,
    idempotencyKey: commandId,
    correlationId: incoming.correlationId,
    requestId: id,
  });
  return record(deps, id, answer, webhookLog, count);
}

async function record(
  deps: WebhookIntakeDeps,
  id: string,
  answer: CommandAnswer,
  log: Logger,
  count: (outcome: WebhookOutcome) => void,
): Promise<WebhookReceipt> {
  const at = deps.now();
  const store = (write: Promise<void>) =>
    write.catch((error: unknown) => {
      count('unavailable');
      throw mapMongoError(error, 'inbound_webhooks.record');
    });
  if (answer.outcome === 'applied') {
    await store(deps.store.markApplied(id, at));
    count('applied');
    log.info({ status: answer.status }, 'webhook applied');
    return { id, status: 'applied', duplicate: false };
  }
  if (answer.outcome === 'refused' && businessRefusals.has(answer.status)) {
    const { status, reason, detail } = answer;
    await store(
      deps.store.markRefused(
        id,
        { status, detail, ...(reason === undefined ? {} : { reason }) },
        at,
      ),
    );
    count('refused');
    log.info({ status, reason }, 'webhook refused by the service; recorded');
    return { id, status: 'refused', duplicate: false, ...(reason === undefined ? {} : { reason }) };
  }
  const { status, detail } = answer;
  await store(
    deps.store.markFailed(id, { detail, at, ...(status === undefined ? {} : { status }) }),
  );
  count('unavailable');
  const level = answer.outcome === 'transient' ? 'warn' : 'error';
  log[level]({ status, detail }, 'webhook command not applied; the provider will retry');
  throw new AppError('unavailable', 'The webhook cannot be processed now; retry later.', {
    retriable: true,
  });
}

/** The payload of a verified webhook, or a 400 saying what is wrong with it. */
function parsePayload(intake: WebhookIntake, id: string, rawBody: Buffer): unknown {
  if (!acceptableId.test(id)) {
    throw new AppError('bad_request', 'The webhook is invalid.', {
      details: {
        errors: [{ path: 'headers.webhook-id', message: 'must be 1-128 letters, digits or _.:@-' }],
      },
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new AppError('bad_request', 'The webhook body is not valid JSON.');
  }
  const parsed = intake.route.body.safeParse(json);
  if (!parsed.success) {
    throw new AppError('bad_request', 'The webhook payload is invalid.', {
      details: { errors: fieldErrors(parsed.error, 'body') },
    });
  }
  return parsed.data;
}

const typeOf = (payload: unknown): { type?: string } => {
  const type = (payload as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? { type } : {};
};

const receiptOf = (webhook: InboundWebhook, duplicate: boolean): WebhookReceipt => ({
  id: webhook._id,
  status: webhook.status === 'applied' ? 'applied' : 'refused',
  duplicate,
  ...(webhook.refusal?.reason === undefined ? {} : { reason: webhook.refusal.reason }),
});
