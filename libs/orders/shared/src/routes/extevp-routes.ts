import { webhookSubscriptionRoutes } from '@cqrs/framework-webhook-delivery';
import { orderEventTypes } from '../events/order-events';
import { ordersServiceName } from '../service-name';

/**
 * orders-extevp: partners' webhook subscriptions to order events, under
 * `/orders/webhooks/subscriptions` (role `integrations`).
 */
export const ordersWebhookRoutes = webhookSubscriptionRoutes(
  ordersServiceName,
  Object.values(orderEventTypes),
);
