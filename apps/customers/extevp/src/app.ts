import type { StartApp } from '@cqrs/framework-core';
import { startWebhookDeliveryApp } from '@cqrs/framework-webhook-delivery';
import { customersService, customersWebhookRoutes } from '@cqrs/customers-shared';
import type { Config } from './config';

/**
 * customers-extevp: partners' webhook subscriptions to customer events, and signed delivery of
 * every matching event from the customers change stream (Standard Webhooks, retried, parked).
 */
export const start: StartApp<Config> = (config, options) =>
  startWebhookDeliveryApp(
    config,
    { service: customersService, routes: customersWebhookRoutes },
    options,
  );
