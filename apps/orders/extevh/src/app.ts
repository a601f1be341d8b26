import type { StartApp } from '@cqrs/framework-core';
import { startWebhookIntakeApp } from '@cqrs/framework-webhooks';
import type { Config } from './config';
import { paymentIntake } from './payment-intake';

/**
 * orders-extevh: the payment provider's signed webhooks (`POST /hooks/payment-provider`) ->
 * orders-cmdh payment outcomes, each webhook stored and acted on once.
 */
export const start: StartApp<Config> = (config, options) =>
  startWebhookIntakeApp(config, { intake: paymentIntake }, options);
