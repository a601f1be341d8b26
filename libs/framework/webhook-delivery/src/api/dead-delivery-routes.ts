import {
  defineRoute,
  linkTo,
  nextPageLink,
  pascalCase,
  problem,
  withLinks,
} from '@cqrs/framework-core';
import {
  discardBodySchema,
  discardProblems,
  jobRoutes,
  operatorProblems,
} from '@cqrs/framework-jobs';
import { deliveryReplayOutcomes } from '../deliveries/delivery-replay-job';
import {
  deadDeliveryGroupsQuerySchema,
  deadDeliveryGroupsSchema,
  deadDeliveryPageSchema,
  deadDeliveryParamsSchema,
  deliveryReplayFilterSchema,
  listDeadDeliveriesQuerySchema,
} from './dead-delivery-schemas';
import { deliveryResourceSchema } from './subscription-schemas';

/**
 * The dead-letter routes of `service`'s `extevp`, under `/<service>/webhooks/deliveries`, for
 * operators (not partners): failed and discarded deliveries of every subscription, filtered and
 * grouped; discarding one; and bulk replays run as background jobs.
 */
export function deadDeliveryRoutes<const S extends string>(service: S) {
  const base = `/${service}/webhooks/deliveries` as const;
  const name = pascalCase(service);
  const common = {
    service,
    app: 'extevp',
    exposure: 'public',
    tags: [`${service} webhook dead letters`],
    auth: 'bearer',
    roles: ['operator'],
  } as const;
  const guarded = operatorProblems;
  const listDead = defineRoute({
    ...common,
    method: 'get',
    path: base,
    operationId: `list${name}DeadWebhookDeliveries`,
    summary: `List failed and discarded ${service} webhook deliveries, most recently failed first`,
    query: listDeadDeliveriesQuerySchema,
    responses: {
      200: { description: 'One page of deliveries', body: deadDeliveryPageSchema },
      400: problem('Invalid filter, limit or cursor, or from after to'),
      ...guarded,
    },
  });
  const groupDead = defineRoute({
    ...common,
    method: 'get',
    path: `${base}/groups`,
    operationId: `group${name}DeadWebhookDeliveries`,
    summary: `Count the failed ${service} webhook deliveries by reason and event type`,
    query: deadDeliveryGroupsQuerySchema,
    responses: {
      200: { description: 'The groups, largest first', body: deadDeliveryGroupsSchema },
      400: problem('Invalid filter, or from after to'),
      ...guarded,
    },
  });
  const discardDelivery = defineRoute({
    ...common,
    method: 'post',
    path: `${base}/{deliveryId}/discard`,
    operationId: `discard${name}WebhookDelivery`,
    summary: 'Give up on a failed delivery, saying why; it is kept, never sent again',
    params: deadDeliveryParamsSchema,
    body: discardBodySchema,
    responses: {
      200: {
        description: 'Discarded (or discarded before: the first discard is kept)',
        body: deliveryResourceSchema,
      },
      ...discardProblems(
        'delivery',
        'delivery_not_found',
        'The delivery is pending or delivered, not failed (reason delivery_not_failed)',
      ),
    },
  });
  const replays = jobRoutes({
    service,
    app: 'extevp',
    tags: common.tags,
    roles: common.roles,
    path: `${base}/replays`,
    name: `${name}WebhookDeliveryReplay`,
    what: 'bulk replay of failed webhook deliveries',
    filter: deliveryReplayFilterSchema,
    outcomes: deliveryReplayOutcomes,
  });
  return {
    listDead: withLinks(listDead, 200, {
      NextPage: nextPageLink(listDead),
      DiscardDelivery: linkTo(discardDelivery, {
        'path.deliveryId': '$response.body#/items/0/id',
      }),
    }),
    groupDead,
    discardDelivery,
    startBulkReplay: replays.start,
    getBulkReplay: replays.get,
    cancelBulkReplay: replays.cancel,
  };
}

/** The routes {@link deadDeliveryRoutes} declares. */
export type DeadDeliveryRoutes = ReturnType<typeof deadDeliveryRoutes>;
