import type { RunningApp } from '@cqrs/framework-core';
import { createServiceRuntime } from '@cqrs/framework-core';
import {
  createCommandClient,
  createEventHandler,
  createParkedEventStore,
  parkedEventIndexes,
  parkedEventsHandlers,
} from '@cqrs/framework-event-handling';
import { createServiceKafka } from '@cqrs/framework-kafka';
import { applyIndexes, connectServiceMongo } from '@cqrs/framework-mongo';
import { ordersParkedEventsRoutes } from '@cqrs/orders-shared';
import type { Config } from './config';
import { customerEventRoutes } from './event-routes';
import { consumerGroupOf, retryPolicyOf } from './evh-config';
import { skippingStaleStandings } from './stale-standings';

/**
 * orders-evh: the customers events (`customers.events.v1`) -> orders-cmdh internal commands
 * recording each customer's standing and holding or releasing the customer's orders; what
 * cannot be handled is parked for operators to list and replay.
 */
export async function start(
  config: Config,
  options: { installSignalHandlers?: boolean } = {},
): Promise<RunningApp<Config>> {
  const runtime = createServiceRuntime(config, options);
  const { logger, metrics, lifecycle } = runtime;
  const mongo = await connectServiceMongo(runtime);
  const parked = createParkedEventStore(mongo.db);
  await applyIndexes(mongo.db, parkedEventIndexes(), logger);

  const token = config.SERVICE_TOKEN;
  const http = createCommandClient({
    baseUrl: config.CMDH_URL,
    token: () => token,
    timeoutMs: config.COMMAND_TIMEOUT_MS,
    logger,
  });
  const client = skippingStaleStandings(http);
  lifecycle.onStop('command client', () => client.close());
  const handler = createEventHandler({
    kafka: createServiceKafka(runtime),
    groupId: consumerGroupOf(config),
    topic: config.EVENTS_TOPIC,
    routes: customerEventRoutes,
    client,
    parked,
    logger,
    metrics,
    retry: retryPolicyOf(config),
  });
  await handler.start();
  lifecycle.onStop('event handler', () => handler.stop());

  return runtime.serve({
    routes: parkedEventsHandlers(ordersParkedEventsRoutes, handler, parked),
    readiness: { mongo: () => mongo.ping(), eventHandler: () => handler.isRunning() },
  });
}
