export {
  generateWebhookSecret,
  isWebhookSecret,
  webhookKeyOf,
  webhookSecretPrefix,
} from './standard-webhooks/webhook-secret';
export { signWebhook, webhookHeaders, type WebhookHeaders } from './standard-webhooks/sign-webhook';
export {
  defaultToleranceSeconds,
  verifyWebhook,
  WebhookVerificationError,
  type VerifyWebhookInput,
  type WebhookVerificationReason,
} from './standard-webhooks/verify-webhook';
export { extevhConfigShape, type ExtevhConfig } from './intake/extevh-config';
export type {
  InboundWebhook,
  InboundWebhookStatus,
  WebhookFailure,
  WebhookRefusal,
} from './intake/inbound-webhook';
export {
  createInboundWebhookStore,
  defaultInboundWebhooksCollection,
  type InboundWebhookStore,
  type ReceivedWebhook,
} from './intake/inbound-webhook-store';
export {
  receiveWebhook,
  type IncomingWebhook,
  type WebhookIntakeDeps,
} from './intake/receive-webhook';
export {
  extevhIdNamespace,
  webhookCommandId,
  webhookIntake,
  type WebhookIntake,
} from './intake/webhook-intake';
export { webhookIntakeHandler } from './intake/webhook-intake-handler';
export {
  webhookIntakeMetrics,
  type WebhookIntakeMetrics,
  type WebhookOutcome,
} from './intake/webhook-intake-metrics';
export {
  webhookHeadersSchema,
  webhookReceiptSchema,
  webhookRoute,
  type WebhookReceipt,
  type WebhookRoute,
  type WebhookRouteOptions,
} from './intake/webhook-route';
export { startWebhookIntakeApp, type WebhookIntakeAppSpec } from './intake/webhook-intake-app';
