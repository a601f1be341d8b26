import type { RunningApp, ServiceDescriptor, StartOptions } from '@cqrs/framework-core';
import { createServiceRuntime } from '@cqrs/framework-core';
import {
  applyIndexes,
  changeStreamPolicies,
  connectServiceMongo,
  runOneActive,
} from '@cqrs/framework-mongo';
import { createJobRunner, createJobStore, jobIndexes, jobsGauge } from '@cqrs/framework-jobs';
import { deadDeliveryHandlers } from './api/dead-delivery-handlers';
import type { WebhookSubscriptionRoutes } from './api/subscription-routes';
import { subscriptionHandlers } from './api/subscription-handlers';
import { deliveryReplayJob } from './deliveries/delivery-replay-job';
import { createDeliveryStore, deliveryIndexes } from './deliveries/delivery-store';
import type { DeliveryConfig } from './delivery-config';
import { deadDeliveryMetrics } from './dispatcher/dead-delivery-metrics';
import { deliveryMetrics } from './dispatcher/delivery-metrics';
import { createDispatcher } from './dispatcher/dispatcher';
import { createWebhookSender } from './dispatcher/send-webhook';
import { createFanOut } from './fan-out/fan-out';
import type { TargetPolicy } from './ssrf/target-guard';
import { createSubscriptionStore, subscriptionIndexes } from './subscriptions/subscription-store';

/** What differs between services' `extevp` apps. */
export interface WebhookDeliveryAppSpec {
  /** Its write model (`writeModel`) and the events' `source` (the same events `evp` publishes). */
  readonly service: Pick<ServiceDescriptor, 'writeModel' | 'source'>;
  /** The service's declared subscription routes (`webhookSubscriptionRoutes(...)`). */
  readonly routes: WebhookSubscriptionRoutes;
}

/**
 * A service's `extevp` app: partners' subscriptions (API), the change stream -> durable
 * deliveries (one active replica), and a dispatcher on every replica that signs and sends them
 * (claims keep replicas from sending the same attempt); plus the operators' dead letters (list,
 * group, discard, bulk replays as background jobs).
 */
export async function startWebhookDeliveryApp<C extends DeliveryConfig>(
  config: C,
  spec: WebhookDeliveryAppSpec,
  options: StartOptions = {},
): Promise<RunningApp<C>> {
  if (config.WEBHOOK_CLAIM_VISIBILITY_MS <= config.WEBHOOK_TIMEOUT_MS) {
    throw new Error('WEBHOOK_CLAIM_VISIBILITY_MS must be longer than WEBHOOK_TIMEOUT_MS');
  }
  const runtime = createServiceRuntime(config, options);
  const { logger, metrics, lifecycle } = runtime;
  const mongo = await connectServiceMongo(runtime);
  await applyIndexes(
    mongo.db,
    [...subscriptionIndexes(), ...deliveryIndexes(), ...jobIndexes()],
    logger,
  );
  const subscriptions = createSubscriptionStore(mongo.db);
  const deliveries = createDeliveryStore(mongo.db);
  const targets: TargetPolicy = {
    allowedNetworks: config.WEBHOOK_ALLOWED_NETWORKS,
    plainHttpNetworks: config.WEBHOOK_PLAIN_HTTP_NETWORKS,
  };
  const measures = deliveryMetrics(metrics.registry);
  const deadMeasures = deadDeliveryMetrics(metrics.registry, deliveries);

  const sender = createWebhookSender({
    snippetBytes: config.WEBHOOK_RESPONSE_SNIPPET_BYTES,
    userAgent: `${config.SERVICE_NAME} (Standard Webhooks)`,
  });
  lifecycle.onStop('webhook connections', () => sender.close());
  const dispatcher = createDispatcher({
    deliveries,
    subscriptions,
    sender,
    targets,
    schedule: config.WEBHOOK_SCHEDULE,
    jitter: config.WEBHOOK_JITTER,
    maxRetryAfterMs: config.WEBHOOK_MAX_RETRY_AFTER_MS,
    attemptTimeoutMs: config.WEBHOOK_TIMEOUT_MS,
    visibilityMs: config.WEBHOOK_CLAIM_VISIBILITY_MS,
    maxInFlight: config.WEBHOOK_MAX_IN_FLIGHT,
    maxInFlightPerSubscription: config.WEBHOOK_MAX_IN_FLIGHT_PER_SUBSCRIPTION,
    pollIntervalMs: config.WEBHOOK_POLL_INTERVAL_MS,
    disableAfterMs: config.WEBHOOK_DISABLE_AFTER_MS,
    logger,
    metrics: measures,
  });
  dispatcher.start();
  lifecycle.onStop('webhook dispatcher', () => dispatcher.stop());

  // Lease and checkpoint share one name: every replica of this role, and nothing else, uses it.
  const name = `${config.SERVICE_NAME}:${spec.service.writeModel}`;
  const fanOut = createFanOut({
    db: mongo.db,
    collection: spec.service.writeModel,
    source: spec.service.source,
    name,
    subscriptions,
    deliveries,
    maxBatch: config.FANOUT_BATCH_SIZE,
    logger,
    metrics,
    onEnqueued: (count) => {
      measures.created.inc(count);
      dispatcher.wake();
    },
    policies: changeStreamPolicies(config, metrics),
  });
  const elector = runOneActive(mongo.db, fanOut, {
    name: name,
    ttlMs: config.LEASE_TTL_MS,
    logger,
  });
  lifecycle.onStop('webhook fan-out', () => elector.stop());

  // Operators' bulk replays: every replica runs the job runner; a job is worked on by one.
  const jobs = createJobStore(mongo.db);
  const replayJob = deliveryReplayJob({
    deliveries,
    subscriptions,
    metrics: deadMeasures,
    onDue: () => dispatcher.wake(),
  });
  const replays = createJobRunner({ db: mongo.db, store: jobs, kind: replayJob, logger });
  await replays.start();
  lifecycle.onStop('delivery replays', () => replays.stop());
  jobsGauge(metrics.registry, jobs, replayJob.kind);

  return runtime.serve({
    routes: [
      ...subscriptionHandlers(spec.routes, {
        subscriptions,
        deliveries,
        targets,
        source: spec.service.source,
        rotationGraceMs: config.WEBHOOK_SECRET_GRACE_MS,
        onDue: () => dispatcher.wake(),
        metrics: deadMeasures,
      }),
      ...deadDeliveryHandlers(spec.routes, { deliveries, replays, metrics: deadMeasures }),
    ],
    readiness: async () => {
      const mongoUp = await mongo.ping();
      const leader = elector.isLeader();
      const fanOutRunning = leader && fanOut.isRunning();
      const dispatching = dispatcher.isRunning();
      return {
        ready: mongoUp && dispatching && elector.hasDecided() && (!leader || fanOutRunning),
        checks: { mongo: mongoUp, leader, fanOut: fanOutRunning, dispatcher: dispatching },
      };
    },
  });
}
