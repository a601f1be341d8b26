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
import { customersParkedEventsRoutes } from '@cqrs/customers-shared';
import type { Config } from './config';
import { orderEventRoutes } from './event-routes';
import { consumerGroupOf, retryPolicyOf } from './evh-config';

/**
 * customers-evh: the orders events (`orders.events.v1`) -> customers-cmdh internal commands
 * recording the customers' open orders; what cannot be handled is parked for operators to list
 * and replay.
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
  const client = createCommandClient({
    baseUrl: config.CMDH_URL,
    token: () => token,
    timeoutMs: config.COMMAND_TIMEOUT_MS,
    logger,
  });
  lifecycle.onStop('command client', () => client.close());
  const handler = createEventHandler({
    kafka: createServiceKafka(runtime),
    groupId: consumerGroupOf(config),
    topic: config.EVENTS_TOPIC,
    routes: orderEventRoutes,
    client,
    parked,
    logger,
    metrics,
    retry: retryPolicyOf(config),
  });
  await handler.start();
  lifecycle.onStop('event handler', () => handler.stop());

  return runtime.serve({
    routes: parkedEventsHandlers(customersParkedEventsRoutes, handler, parked),
    readiness: { mongo: () => mongo.ping(), eventHandler: () => handler.isRunning() },
  });
}
