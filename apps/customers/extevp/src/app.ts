import type { RunningApp } from '@cqrs/framework-core';
import { startWebhookDeliveryApp } from '@cqrs/framework-webhook-delivery';
import { customersCollection, customersWebhookRoutes } from '@cqrs/customers-shared';
import type { Config } from './config';

/**
 * customers-extevp: partners' webhook subscriptions to customer events, and signed delivery of
 * every matching event from the customers change stream (Standard Webhooks, retried, parked).
 */
export const start = (
  config: Config,
  options: { installSignalHandlers?: boolean } = {},
): Promise<RunningApp<Config>> =>
  startWebhookDeliveryApp(
    config,
    { collection: customersCollection, source: '/customers', routes: customersWebhookRoutes },
    options,
  );
