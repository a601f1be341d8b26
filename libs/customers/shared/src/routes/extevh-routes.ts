import { webhookRoute } from '@cqrs/framework-webhooks';
import { kycProvider, kycWebhookPayloadSchema } from '../api/kyc-webhook';
import { customersServiceName } from '../service-name';

/** `POST /hooks/kyc-provider`: the KYC provider's signed check outcomes, served by extevh. */
export const kycWebhookRoute = webhookRoute({
  service: customersServiceName,
  path: `/hooks/${kycProvider}`,
  operationId: 'receiveKycWebhook',
  summary: 'Receive a KYC check outcome (Standard Webhooks signature)',
  tags: ['webhooks'],
  payload: kycWebhookPayloadSchema,
});
