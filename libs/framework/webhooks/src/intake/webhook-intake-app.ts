import type { BaseConfig, RunningApp, StartOptions } from '@cqrs/framework-core';
import { createServiceRuntime } from '@cqrs/framework-core';
import { connectCmdhClient } from '@cqrs/framework-command-client';
import type { MongoConfig } from '@cqrs/framework-mongo';
import { connectServiceMongo } from '@cqrs/framework-mongo';
import type { ExtevhConfig } from './extevh-config';
import { createInboundWebhookStore } from './inbound-webhook-store';
import type { WebhookIntake } from './webhook-intake';
import { webhookIntakeHandler } from './webhook-intake-handler';
import { webhookIntakeMetrics } from './webhook-intake-metrics';

/** What differs between services' `extevh` apps. */
export interface WebhookIntakeAppSpec {
  /** The provider's hook route and how its webhooks become commands. */
  readonly intake: WebhookIntake;
  /** Where inbound webhooks are stored; `inbound_webhooks` by default. */
  readonly collection?: string;
}

/**
 * A service's `extevh` app: a provider's signed webhooks (DESIGN section 6, "In") verified,
 * validated, stored once per webhook id, and sent as commands to the own `cmdh`.
 */
export async function startWebhookIntakeApp<C extends BaseConfig & MongoConfig & ExtevhConfig>(
  config: C,
  spec: WebhookIntakeAppSpec,
  options: StartOptions & { readonly now?: () => Date } = {},
): Promise<RunningApp<C>> {
  const runtime = createServiceRuntime(config, options);
  const { metrics } = runtime;
  const mongo = await connectServiceMongo(runtime);
  const store = createInboundWebhookStore(mongo.db, spec.collection);

  const client = connectCmdhClient(runtime);

  const handler = webhookIntakeHandler(spec.intake, {
    store,
    client,
    secrets: config.WEBHOOK_SECRETS,
    toleranceSeconds: config.WEBHOOK_TOLERANCE_SECONDS,
    metrics: webhookIntakeMetrics(metrics.registry),
    now: options.now ?? (() => new Date()),
  });
  return runtime.serve({ routes: [handler], readiness: { mongo: () => mongo.ping() } });
}
