import { connectCmdhClient } from '@cqrs/framework-command-client';
import type { BaseConfig, RunningApp, StartOptions } from '@cqrs/framework-core';
import { createServiceRuntime } from '@cqrs/framework-core';
import type { KafkaConfig } from '@cqrs/framework-kafka';
import { createServiceKafka } from '@cqrs/framework-kafka';
import type { MongoConfig } from '@cqrs/framework-mongo';
import { applyIndexes, connectServiceMongo } from '@cqrs/framework-mongo';
import { parkedEventsHandlers } from './api/parked-events-handlers';
import type { ParkedEventsRoutes } from './api/parked-events-routes';
import { createEventHandler } from './consumer/event-handler';
import { startInBackground } from './consumer/start-in-background';
import type { EvhConfig } from './evh-config';
import { consumerGroupOf, retryPolicyOf } from './evh-config';
import { createParkedEventStore, parkedEventIndexes } from './parking/parked-event-store';
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
 * parked when they cannot be handled), plus the parked-events API for operators. The consumer
 * starts in the background (see startInBackground).
 */
export async function startEventHandlingApp<
  C extends BaseConfig & MongoConfig & KafkaConfig & EvhConfig,
>(config: C, spec: EventHandlingAppSpec, options: StartOptions = {}): Promise<RunningApp<C>> {
  const runtime = createServiceRuntime(config, options);
  const { logger, metrics, lifecycle } = runtime;
  const mongo = await connectServiceMongo(runtime);
  const parked = createParkedEventStore(mongo.db);
  await applyIndexes(mongo.db, parkedEventIndexes(), logger);

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

  return runtime.serve({
    routes: parkedEventsHandlers(spec.parkedRoutes, handler, parked),
    // Ready while it waits for the other service's topic: its API works, and a rollout must
    // not depend on another service's deployment. Not ready once its consumer crashed for good.
    readiness: {
      mongo: () => mongo.ping(),
      eventHandler: () => handler.isRunning() || consumer.starting(),
    },
  });
}
