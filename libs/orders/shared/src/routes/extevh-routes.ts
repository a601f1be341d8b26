import { webhookRoute } from '@cqrs/framework-webhooks';
import { paymentProvider, paymentWebhookPayloadSchema } from '../api/payment-webhook';
import { ordersServiceName } from '../service-name';

/** `POST /hooks/payment-provider`: the payment provider's signed outcomes, served by extevh. */
export const paymentWebhookRoute = webhookRoute({
  service: ordersServiceName,
  path: `/hooks/${paymentProvider}`,
  operationId: 'receivePaymentWebhook',
  summary: 'Receive a payment outcome (Standard Webhooks signature)',
  tags: ['webhooks'],
  payload: paymentWebhookPayloadSchema,
});
