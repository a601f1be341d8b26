import type { Logger } from '@cqrs/framework-core';
import { parseRetryAfter } from '@cqrs/framework-command-client';
import { webhookHeaders } from '@cqrs/framework-webhooks';
import type { DeliveryDocument } from '../deliveries/delivery';
import type { Completion, DeliveryStore } from '../deliveries/delivery-store';
import { nextDelay } from '../deliveries/retry-schedule';
import type { TargetPolicy } from '../ssrf/target-guard';
import { checkTarget } from '../ssrf/target-guard';
import type { SubscriptionDocument } from '../subscriptions/subscription';
import { signingSecrets } from '../subscriptions/subscription';
import type { SubscriptionStore } from '../subscriptions/subscription-store';
import type { DeliveryMetrics } from './delivery-metrics';
import type { AttemptResponse, WebhookSender } from './send-webhook';
import { inDeliverySpan } from './delivery-span';

export interface DispatcherOptions {
  readonly deliveries: DeliveryStore;
  readonly subscriptions: SubscriptionStore;
  readonly sender: WebhookSender;
  readonly targets: TargetPolicy;
  /** Wait before each attempt, the first included (see `parseSchedule`). */
  readonly schedule: readonly number[];
  /** Spread of each wait, as a fraction (0.2 = ±20 %). */
  readonly jitter: number;
  readonly maxRetryAfterMs: number;
  readonly attemptTimeoutMs: number;
  /** How long a claim hides a delivery from every dispatcher; longer than an attempt. */
  readonly visibilityMs: number;
  readonly maxInFlight: number;
  /** Attempts in flight to one subscription at most, so one slow endpoint holds few slots. */
  readonly maxInFlightPerSubscription: number;
  readonly pollIntervalMs: number;
  /** A subscription whose attempts all failed for this long is disabled. */
  readonly disableAfterMs: number;
  readonly logger: Logger;
  readonly metrics: DeliveryMetrics;
  readonly now?: () => Date;
}

export interface Dispatcher {
  start(): void;
  /** Stops claiming and waits for the attempts in flight. */
  stop(): Promise<void>;
  /** Looks for due deliveries now instead of at the next poll (e.g. right after a fan-out). */
  wake(): void;
  isRunning(): boolean;
}

const describe = (response: AttemptResponse) =>
  response.error ?? `HTTP ${response.statusCode ?? 0}`;

/**
 * The `extevp` dispatcher. Every replica runs one: each claims due deliveries (a claim hides a
 * delivery from the others for the visibility period), signs them per Standard Webhooks with
 * the subscription's current secrets, sends them to the address the SSRF guard checked, and
 * records the attempt: 2xx delivered; 410 parks it and disables the subscription; anything else
 * is retried on the schedule with jitter (`Retry-After` honoured on 429 and 503) and parked after
 * the last attempt. Per-subscription and total in-flight limits keep a dead endpoint from taking
 * the slots of healthy ones.
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const now = options.now ?? (() => new Date());
  const log = options.logger.child({ module: 'webhook-dispatcher' });
  const inFlight = new Map<string, number>();
  const running = new Set<Promise<void>>();
  let total = 0;
  let active = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let woken = false;

  const wake = () => {
    woken = true;
    wakeUp?.();
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  async function finish(
    delivery: DeliveryDocument,
    response: AttemptResponse | null,
    completion: Completion,
  ) {
    const at = now();
    const attempt = response && {
      at,
      statusCode: response.statusCode ?? null,
      error: response.error ?? null,
      latencyMs: response.latencyMs,
      responseSnippet: response.bodySnippet ?? '',
    };
    const recorded = await options.deliveries.complete(delivery, attempt, completion, at);
    if (!recorded) {
      log.warn({ deliveryId: delivery._id }, 'claim lapsed before the attempt was recorded');
      return;
    }
    if (response) {
      options.metrics.attempts.inc({ outcome: completion.outcome });
      options.metrics.attemptDuration.observe(
        { outcome: completion.outcome },
        response.latencyMs / 1000,
      );
    }
  }

  async function failed(
    delivery: DeliveryDocument,
    response: AttemptResponse,
    subscription: SubscriptionDocument,
  ) {
    const at = now();
    // The subscription was read with this batch: its failing streak, if it has one, is there.
    const since = subscription.failingSince ?? at;
    if (subscription.failingSince === null) {
      await options.subscriptions.markFailing(delivery.subscriptionId, at);
    }
    if (at.getTime() - since.getTime() >= options.disableAfterMs) {
      const detail = `every attempt since ${since.toISOString()} failed; the last: ${describe(response)}`;
      if (await options.subscriptions.disable(delivery.subscriptionId, 'failing', detail, at)) {
        options.metrics.disabled.inc({ reason: 'failing' });
        log.warn(
          { subscriptionId: delivery.subscriptionId, url: subscription.url, detail },
          'subscription disabled',
        );
      }
      return finish(delivery, response, {
        outcome: 'failed',
        reason: 'subscription_disabled',
        detail,
      });
    }
    const retryAfterMs =
      response.statusCode === 429 || response.statusCode === 503
        ? parseRetryAfter(response.retryAfter, at.getTime())
        : undefined;
    const delay = nextDelay({
      schedule: options.schedule,
      attempt: delivery.attempts + 2,
      jitter: options.jitter,
      maxRetryAfterMs: options.maxRetryAfterMs,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
    if (delay === undefined) {
      return finish(delivery, response, {
        outcome: 'failed',
        reason: 'attempts_exhausted',
        detail: `${delivery.attempts + 1} attempts failed; the last: ${describe(response)}`,
      });
    }
    return finish(delivery, response, {
      outcome: 'retrying',
      dueAt: new Date(at.getTime() + delay),
    });
  }

  async function attempt(
    delivery: DeliveryDocument,
    subscription: SubscriptionDocument | undefined,
  ): Promise<void> {
    if (!subscription) {
      return finish(delivery, null, {
        outcome: 'failed',
        reason: 'subscription_deleted',
        detail: 'the subscription was deleted',
      });
    }
    if (subscription.status !== 'active') {
      return finish(delivery, null, {
        outcome: 'failed',
        reason: 'subscription_disabled',
        detail: `the subscription is disabled (${subscription.disabled?.reason ?? 'manual'})`,
      });
    }
    const target = await checkTarget(subscription.url, options.targets);
    if (!target.ok) {
      // Checked again at every attempt: DNS may now point somewhere it must not.
      return failed(delivery, { error: `refused: ${target.detail}`, latencyMs: 0 }, subscription);
    }
    const sentAt = now();
    const headers = webhookHeaders(
      signingSecrets(subscription, sentAt),
      delivery.eventId,
      Math.floor(sentAt.getTime() / 1000),
      delivery.payload,
    );
    const response = await inDeliverySpan(delivery, target.url, (traceHeaders) =>
      options.sender.send(
        target,
        { ...headers, ...traceHeaders },
        delivery.payload,
        options.attemptTimeoutMs,
      ),
    );
    const status = response.statusCode;
    if (status !== undefined && status >= 200 && status < 300) {
      if (subscription.failingSince !== null) {
        await options.subscriptions.recordSuccess(delivery.subscriptionId);
      }
      return finish(delivery, response, { outcome: 'delivered' });
    }
    if (status === 410) {
      const detail = `${subscription.url} answered 410 Gone`;
      if (await options.subscriptions.disable(delivery.subscriptionId, 'gone', detail, now())) {
        options.metrics.disabled.inc({ reason: 'gone' });
        log.warn(
          { subscriptionId: delivery.subscriptionId, url: subscription.url },
          'subscription disabled: 410 Gone',
        );
      }
      return finish(delivery, response, { outcome: 'failed', reason: 'endpoint_gone', detail });
    }
    return failed(delivery, response, subscription);
  }

  function track(delivery: DeliveryDocument, subscription: SubscriptionDocument | undefined) {
    const id = delivery.subscriptionId;
    inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
    total += 1;
    options.metrics.inFlight.set(total);
    const task = attempt(delivery, subscription)
      .catch((error: unknown) => {
        // The claim lapses and the delivery comes back; nothing is lost.
        log.error({ err: error, deliveryId: delivery._id }, 'attempt could not be recorded');
      })
      .finally(() => {
        const left = (inFlight.get(id) ?? 1) - 1;
        if (left === 0) inFlight.delete(id);
        else inFlight.set(id, left);
        total -= 1;
        options.metrics.inFlight.set(total);
        running.delete(task);
        wake();
      });
    running.add(task);
  }

  async function run() {
    while (active) {
      woken = false;
      let idle = false;
      try {
        while (active && total < options.maxInFlight) {
          const busy = [...inFlight]
            .filter(([, count]) => count >= options.maxInFlightPerSubscription)
            .map(([id]) => id);
          const admitted = new Map(inFlight);
          const claimed = await options.deliveries.claim({
            now: now(),
            visibilityMs: options.visibilityMs,
            limit: options.maxInFlight - total,
            busySubscriptions: busy,
            admit: (subscriptionId) => {
              const count = admitted.get(subscriptionId) ?? 0;
              if (count >= options.maxInFlightPerSubscription) return false;
              admitted.set(subscriptionId, count + 1);
              return true;
            },
          });
          if (claimed.length === 0) {
            idle = true;
            break;
          }
          // One read of the batch's subscriptions, as they are now (status, URL, secrets).
          const subscriptions = await options.subscriptions.findMany([
            ...new Set(claimed.map((d) => d.subscriptionId)),
          ]);
          for (const delivery of claimed)
            track(delivery, subscriptions.get(delivery.subscriptionId));
        }
      } catch (error) {
        log.error({ err: error }, 'claiming deliveries failed; trying again');
        idle = true;
      }
      if (active) await sleep(idle ? options.pollIntervalMs : options.pollIntervalMs * 10);
    }
  }

  return {
    start() {
      if (active) return;
      active = true;
      loop = run();
    },
    async stop() {
      active = false;
      wake();
      await loop;
      await Promise.all(running);
    },
    wake,
    isRunning: () => active,
  };
}
