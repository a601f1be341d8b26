import type { WebhookCommand } from '@cqrs/framework-webhooks';
import { webhookIntake } from '@cqrs/framework-webhooks';
import type { KycWebhookPayload } from '@cqrs/customers-shared';
import { kycProvider, kycWebhookRoute } from '@cqrs/customers-shared';

/** The customers-cmdh command of a KYC check outcome. */
export function kycCommand(payload: KycWebhookPayload): WebhookCommand {
  const customerId = encodeURIComponent(payload.data.customerId);
  const { checkId } = payload.data;
  switch (payload.type) {
    case 'kyc.approved':
      return {
        method: 'POST',
        path: `/internal/customers/${customerId}/kyc/approve`,
        body: checkId === undefined ? {} : { reference: checkId },
      };
    case 'kyc.rejected':
      return {
        method: 'POST',
        path: `/internal/customers/${customerId}/kyc/reject`,
        body: { reason: payload.data.reason },
      };
  }
}

/** The KYC provider's webhooks -> `approve` / `reject` KYC commands on customers-cmdh. */
export const kycIntake = webhookIntake({
  route: kycWebhookRoute,
  provider: kycProvider,
  toCommand: kycCommand,
});
