import type { BoundRoute } from '@cqrs/framework-core';
import { bindRoute } from '@cqrs/framework-core';
import type { WebhookIntakeDeps } from './receive-webhook';
import { receiveWebhook } from './receive-webhook';
import type { WebhookIntake } from './webhook-intake';
import type { WebhookRoute } from './webhook-route';

/** The hook route of `intake`, served by {@link receiveWebhook}. */
export function webhookIntakeHandler(intake: WebhookIntake, deps: WebhookIntakeDeps): BoundRoute {
  const route: WebhookRoute = intake.route;
  return bindRoute(route, async ({ headers, rawBody, correlationId, log }) => ({
    status: 200,
    body: await receiveWebhook(intake, deps, { headers, rawBody, correlationId, log }),
  }));
}
