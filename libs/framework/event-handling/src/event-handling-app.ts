import { connectCmdhClient } from '@cqrs/framework-command-client';
import type { BaseConfig, RunningApp, StartOptions } from '@cqrs/framework-core';
import { createServiceRuntime } from '@cqrs/framework-core';
import type { KafkaConfig } from '@cqrs/framework-kafka';
import { createServiceKafka } from '@cqrs/framework-kafka';
import type { MongoConfig } from '@cqrs/framework-mongo';
import { createJobRunner, createJobStore, jobIndexes, jobsGauge } from '@cqrs/framework-jobs';
import { applyIndexes, connectServiceMongo } from '@cqrs/framework-mongo';
import { parkedEventsHandlers } from './api/parked-events-handlers';
import type { ParkedEventsRoutes } from './api/parked-events-routes';
import { createEventHandler } from './consumer/event-handler';
import { eventHandlerMetrics, parkedEventsGauge } from './consumer/event-handler-metrics';
import { startInBackground } from './consumer/start-in-background';
import type { EvhConfig } from './evh-config';
import { consumerGroupOf, retryPolicyOf } from './evh-config';
import { createParkedEventStore, parkedEventIndexes } from './parking/parked-event-store';
import { parkedReplayJob } from './replay/parked-replay-job';
import type { EventRoutes } from './routing/event-routes';

/** What differs between services' `evh` apps. */
export interface EventHandlingAppSpec {
  /** Consumed event type -> the commands it becomes. */
  readonly routes: EventRoutes;
  /** The service's declared parked-events routes (`parkedEventsRoutes('<service>')`). */
  readonly parkedRoutes: ParkedEventsRoutes;
}

/**
 * A service's `evh` app: the other service's events -> commands to the own `cmdh` (retried,
 * parked when they cannot be handled), plus the parked-events API for operators (list, group,
 * replay, discard, bulk replays as background jobs). The consumer
 * starts in the background (see startInBackground).
 */
export async function startEventHandlingApp<
  C extends BaseConfig & MongoConfig & KafkaConfig & EvhConfig,
>(config: C, spec: EventHandlingAppSpec, options: StartOptions = {}): Promise<RunningApp<C>> {
  const runtime = createServiceRuntime(config, options);
  const { logger, metrics, lifecycle } = runtime;
  const mongo = await connectServiceMongo(runtime);
  const parked = createParkedEventStore(mongo.db);
  const jobs = createJobStore(mongo.db);
  await applyIndexes(mongo.db, [...parkedEventIndexes(), ...jobIndexes()], logger);

  const handler = createEventHandler({
    kafka: createServiceKafka(runtime),
    groupId: consumerGroupOf(config),
    topic: config.EVENTS_TOPIC,
    routes: spec.routes,
    client: connectCmdhClient(runtime),
    parked,
    logger,
    metrics,
    retry: retryPolicyOf(config),
  });
  const consumer = startInBackground(handler, logger);
  lifecycle.onStop('event handler', consumer.stop);

  // Bulk replays: every replica runs the job runner; a job is worked on by one at a time.
  const replayJob = parkedReplayJob(parked, handler);
  const replays = createJobRunner({ db: mongo.db, store: jobs, kind: replayJob, logger });
  await replays.start();
  lifecycle.onStop('parked-event replays', () => replays.stop());
  parkedEventsGauge(metrics.registry, parked);
  jobsGauge(metrics.registry, jobs, replayJob.kind);

  return runtime.serve({
    routes: parkedEventsHandlers(spec.parkedRoutes, handler, parked, {
      replays,
      metrics: eventHandlerMetrics(metrics.registry),
    }),
    // Ready while it waits for the other service's topic: its API works, and a rollout must
    // not depend on another service's deployment. Not ready once its consumer crashed for good.
    readiness: {
      mongo: () => mongo.ping(),
      eventHandler: () => handler.isRunning() || consumer.starting(),
    },
  });
}
