import type { CommandCall } from '@cqrs/framework-command-client';
import { callOf } from '@cqrs/framework-command-client';
import { webhookIntake } from '@cqrs/framework-webhooks';
import type { KycWebhookPayload } from '@cqrs/customers-shared';
import {
  approveKycRoute,
  kycProvider,
  kycWebhookRoute,
  rejectKycRoute,
} from '@cqrs/customers-shared';

/** The customers-cmdh command of a KYC check outcome. */
export function kycCommand(payload: KycWebhookPayload): CommandCall {
  const params = { id: payload.data.customerId };
  const { checkId } = payload.data;
  switch (payload.type) {
    case 'kyc.approved':
      return callOf(approveKycRoute, {
        params,
        body: checkId === undefined ? {} : { reference: checkId },
      });
    case 'kyc.rejected':
      return callOf(rejectKycRoute, { params, body: { reason: payload.data.reason } });
  }
}

/** The KYC provider's webhooks -> `approve` / `reject` KYC commands on customers-cmdh. */
export const kycIntake = webhookIntake({
  route: kycWebhookRoute,
  provider: kycProvider,
  toCommand: kycCommand,
});
