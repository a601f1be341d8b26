import type { StartApp } from '@cqrs/framework-core';
import { startWebhookDeliveryApp } from '@cqrs/framework-webhook-delivery';
import { ordersService, ordersWebhookRoutes } from '@cqrs/orders-shared';
import type { Config } from './config';

/**
 * orders-extevp: partners' webhook subscriptions to order events, and signed delivery of every
 * matching event from the orders change stream (Standard Webhooks, retried, parked).
 */
export const start: StartApp<Config> = (config, options) =>
  startWebhookDeliveryApp(config, { service: ordersService, routes: ordersWebhookRoutes }, options);
