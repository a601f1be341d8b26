import type { StartApp } from '@cqrs/framework-core';
import { startWebhookIntakeApp } from '@cqrs/framework-webhooks';
import type { Config } from './config';
import { kycIntake } from './kyc-intake';

/**
 * customers-extevh: the KYC provider's signed webhooks (`POST /hooks/kyc-provider`) ->
 * customers-cmdh KYC approvals and rejections, each webhook stored and acted on once.
 */
export const start: StartApp<Config> = (config, options) =>
  startWebhookIntakeApp(config, { intake: kycIntake }, options);
