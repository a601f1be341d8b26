import { webhookSubscriptionRoutes } from '@cqrs/framework-webhook-delivery';
import { customerEventTypes } from '../events/customer-events';
import { customersServiceName } from '../service-name';

/**
 * customers-extevp: partners' webhook subscriptions to customer events, under
 * `/customers/webhooks/subscriptions` (role `integrations`).
 */
export const customersWebhookRoutes = webhookSubscriptionRoutes(
  customersServiceName,
  Object.values(customerEventTypes),
);
