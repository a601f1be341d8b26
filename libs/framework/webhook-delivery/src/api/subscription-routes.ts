import {
  defineRoute,
  linkTo,
  nextPageLink,
  pascalCase,
  problem,
  withLinks,
} from '@cqrs/framework-core';
import {
  createdSubscriptionSchema,
  createSubscriptionBodySchema,
  deliveryDetailSchema,
  deliveryPageSchema,
  deliveryParamsSchema,
  listDeliveriesQuerySchema,
  listSubscriptionsQuerySchema,
  pingResultSchema,
  replayDeliveriesBodySchema,
  replayResultSchema,
  rotatedSecretSchema,
  rotateSecretBodySchema,
  subscriptionPageSchema,
  subscriptionParamsSchema,
  subscriptionResourceSchema,
  updateSubscriptionBodySchema,
} from './subscription-schemas';
import { deadDeliveryRoutes } from './dead-delivery-routes';

/**
 * The webhook-subscription routes of `service`'s `extevp`, for its shared lib to declare (and so
 * for the gateway and `openapi.yaml`), under `/<service>/webhooks/subscriptions`: a path no
 * other app's `/<service>/{id}/...` route can overlap. Only the `integrations` role may use them.
 * `eventTypes` is the service's event catalog: subscriptions filter on those types.
 */
export function webhookSubscriptionRoutes<const S extends string>(
  service: S,
  eventTypes: readonly string[],
) {
  const base = `/${service}/webhooks/subscriptions` as const;
  const name = pascalCase(service);
  const common = {
    service,
    app: 'extevp',
    exposure: 'public',
    tags: [`${service} webhooks`],
    auth: 'bearer',
    roles: ['integrations'],
  } as const;
  const guarded = {
    401: problem('Missing, expired or invalid bearer token'),
    403: problem('The caller does not have the integrations role'),
  } as const;
  const one = {
    ...guarded,
    400: problem('Invalid id or body'),
    404: problem('No such subscription (reason subscription_not_found)'),
  } as const;
  const subscription = { description: 'The subscription', body: subscriptionResourceSchema };
  const list = defineRoute({
    ...common,
    method: 'get',
    path: base,
    operationId: `list${name}WebhookSubscriptions`,
    summary: `List the ${service} webhook subscriptions`,
    query: listSubscriptionsQuerySchema,
    responses: {
      200: { description: 'One page of subscriptions', body: subscriptionPageSchema },
      400: problem('Invalid limit or cursor'),
      ...guarded,
    },
  });
  const get = defineRoute({
    ...common,
    method: 'get',
    path: `${base}/{id}`,
    operationId: `get${name}WebhookSubscription`,
    summary: 'Get a subscription, with why it is disabled if it is',
    params: subscriptionParamsSchema,
    responses: { 200: subscription, ...one },
  });
  const update = defineRoute({
    ...common,
    method: 'patch',
    path: `${base}/{id}`,
    operationId: `update${name}WebhookSubscription`,
    summary: 'Change the URL, event types or description of a subscription',
    params: subscriptionParamsSchema,
    body: updateSubscriptionBodySchema(eventTypes),
    responses: {
      200: subscription,
      ...one,
      422: problem('The URL is refused (reason target_refused)'),
    },
  });
  const remove = defineRoute({
    ...common,
    method: 'delete',
    path: `${base}/{id}`,
    operationId: `delete${name}WebhookSubscription`,
    summary: 'Delete a subscription; its pending deliveries are dropped',
    params: subscriptionParamsSchema,
    responses: { 204: { description: 'Deleted' }, ...one },
  });
  const disable = defineRoute({
    ...common,
    method: 'post',
    path: `${base}/{id}/disable`,
    operationId: `disable${name}WebhookSubscription`,
    summary: 'Stop deliveries to a subscription',
    params: subscriptionParamsSchema,
    responses: { 200: subscription, ...one },
  });
  const enable = defineRoute({
    ...common,
    method: 'post',
    path: `${base}/{id}/enable`,
    operationId: `enable${name}WebhookSubscription`,
    summary: 'Resume deliveries to a disabled subscription',
    params: subscriptionParamsSchema,
    responses: { 200: subscription, ...one },
  });
  const rotateSecret = defineRoute({
    ...common,
    method: 'post',
    path: `${base}/{id}/rotate-secret`,
    operationId: `rotate${name}WebhookSubscriptionSecret`,
    summary: 'New signing secret; the previous one also signs during a grace period',
    params: subscriptionParamsSchema,
    body: rotateSecretBodySchema,
    responses: {
      200: {
        description: 'Rotated; the new secret is shown only now',
        body: rotatedSecretSchema,
      },
      ...one,
      409: problem('Changed concurrently; try again (reason concurrent_change)'),
    },
  });
  const ping = defineRoute({
    ...common,
    method: 'post',
    path: `${base}/{id}/ping`,
    operationId: `ping${name}WebhookSubscription`,
    summary: 'Send a signed test event (type webhook.ping) to the subscription',
    params: subscriptionParamsSchema,
    responses: { 202: { description: 'Queued', body: pingResultSchema }, ...one },
  });
  const listDeliveries = defineRoute({
    ...common,
    method: 'get',
    path: `${base}/{id}/deliveries`,
    operationId: `list${name}WebhookDeliveries`,
    summary: 'List the deliveries of a subscription, newest first',
    params: subscriptionParamsSchema,
    query: listDeliveriesQuerySchema,
    responses: { 200: { description: 'One page', body: deliveryPageSchema }, ...one },
  });
  const getDelivery = defineRoute({
    ...common,
    method: 'get',
    path: `${base}/{id}/deliveries/{deliveryId}`,
    operationId: `get${name}WebhookDelivery`,
    summary: 'A delivery with its event and every attempt (time, status, latency, response)',
    params: deliveryParamsSchema,
    responses: {
      200: { description: 'The delivery', body: deliveryDetailSchema },
      ...one,
      404: problem('No such subscription or delivery'),
    },
  });
  const replayDelivery = defineRoute({
    ...common,
    method: 'post',
    path: `${base}/{id}/deliveries/{deliveryId}/replay`,
    operationId: `replay${name}WebhookDelivery`,
    summary: 'Send a delivered or failed delivery again, with a fresh attempt budget',
    params: deliveryParamsSchema,
    responses: {
      202: { description: 'Due again', body: deliveryDetailSchema },
      ...one,
      404: problem('No such subscription or delivery'),
      409: problem('Still pending (reason delivery_pending), or discarded (delivery_discarded)'),
    },
  });
  const replayFailed = defineRoute({
    ...common,
    method: 'post',
    path: `${base}/{id}/replays`,
    operationId: `replay${name}FailedWebhookDeliveries`,
    summary: 'Send every failed delivery of a subscription since a time again',
    params: subscriptionParamsSchema,
    body: replayDeliveriesBodySchema,
    responses: {
      202: { description: 'How many are due again', body: replayResultSchema },
      ...one,
    },
  });
  const create = defineRoute({
    ...common,
    method: 'post',
    path: base,
    operationId: `create${name}WebhookSubscription`,
    summary: `Subscribe a URL to ${service} events`,
    body: createSubscriptionBodySchema(eventTypes),
    responses: {
      201: {
        description: 'Created; the secret is shown only now',
        body: createdSubscriptionSchema,
      },
      400: problem('Invalid body'),
      ...guarded,
      422: problem('The URL is refused (reason target_refused: private address, plain http...)'),
    },
  });
  // OpenAPI links: from a new or listed subscription to everything done with it, from a ping
  // or a page of deliveries to one delivery, and from a page to the next.
  const oneSubscription = {
    get,
    update,
    remove,
    disable,
    enable,
    rotateSecret,
    ping,
    listDeliveries,
    replayFailed,
  };
  const toSubscription = (id: string) =>
    Object.fromEntries(
      Object.entries(oneSubscription).map(([action, route]) => [
        pascalCase(action),
        linkTo(route, { 'path.id': id }),
      ]),
    );
  const toDelivery = (deliveryId: string) => ({
    GetDelivery: linkTo(getDelivery, {
      'path.id': '$request.path.id',
      'path.deliveryId': deliveryId,
    }),
    ReplayDelivery: linkTo(replayDelivery, {
      'path.id': '$request.path.id',
      'path.deliveryId': deliveryId,
    }),
  });
  return {
    create: withLinks(create, 201, toSubscription('$response.body#/id')),
    list: withLinks(list, 200, {
      NextPage: nextPageLink(list),
      ...toSubscription('$response.body#/items/0/id'),
    }),
    get,
    update,
    remove,
    disable,
    enable,
    rotateSecret,
    ping: withLinks(ping, 202, toDelivery('$response.body#/deliveryId')),
    listDeliveries: withLinks(listDeliveries, 200, {
      NextPage: nextPageLink(listDeliveries),
      ...toDelivery('$response.body#/items/0/id'),
    }),
    getDelivery,
    replayDelivery,
    replayFailed,
    // Operators' side: dead deliveries of every subscription (role operator).
    ...deadDeliveryRoutes(service),
  };
}

/** The routes {@link webhookSubscriptionRoutes} declares. */
export type WebhookSubscriptionRoutes = ReturnType<typeof webhookSubscriptionRoutes>;
