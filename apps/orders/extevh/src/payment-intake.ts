import type { CommandCall } from '@cqrs/framework-command-client';
import { callOf } from '@cqrs/framework-command-client';
import { webhookIntake } from '@cqrs/framework-webhooks';
import type { PaymentWebhookPayload } from '@cqrs/orders-shared';
import {
  paymentProvider,
  paymentWebhookRoute,
  recordPaymentFailedRoute,
  recordPaymentSucceededRoute,
} from '@cqrs/orders-shared';

/** The orders-cmdh command of a payment outcome. */
export function paymentCommand(payload: PaymentWebhookPayload): CommandCall {
  const params = { id: payload.data.orderId };
  switch (payload.type) {
    case 'payment.succeeded':
      return callOf(recordPaymentSucceededRoute, {
        params,
        body: { reference: payload.data.reference },
      });
    case 'payment.failed':
      return callOf(recordPaymentFailedRoute, { params, body: { reason: payload.data.reason } });
  }
}

/** The payment provider's webhooks -> `payment-succeeded` / `payment-failed` on orders-cmdh. */
export const paymentIntake = webhookIntake({
  route: paymentWebhookRoute,
  provider: paymentProvider,
  toCommand: paymentCommand,
});
