import type { WebhookCommand } from '@cqrs/framework-webhooks';
import { webhookIntake } from '@cqrs/framework-webhooks';
import type { PaymentWebhookPayload } from '@cqrs/orders-shared';
import { paymentProvider, paymentWebhookRoute } from '@cqrs/orders-shared';

/** The orders-cmdh command of a payment outcome. */
export function paymentCommand(payload: PaymentWebhookPayload): WebhookCommand {
  const orderId = encodeURIComponent(payload.data.orderId);
  switch (payload.type) {
    case 'payment.succeeded':
      return {
        method: 'POST',
        path: `/internal/orders/${orderId}/payment-succeeded`,
        body: { reference: payload.data.reference },
      };
    case 'payment.failed':
      return {
        method: 'POST',
        path: `/internal/orders/${orderId}/payment-failed`,
        body: { reason: payload.data.reason },
      };
  }
}

/** The payment provider's webhooks -> `payment-succeeded` / `payment-failed` on orders-cmdh. */
export const paymentIntake = webhookIntake({
  route: paymentWebhookRoute,
  provider: paymentProvider,
  toCommand: paymentCommand,
});
