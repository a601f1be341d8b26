import type { Admin } from 'kafkajs';
import type { BoundRoute } from '@cqrs/framework-core';
import { bindRoute } from '@cqrs/framework-core';
import { rewindConsumerGroup } from '@cqrs/framework-event-publishing';
import {
  listCustomerEventTypesRoute,
  replayCustomerEventsRoute,
  toEventCatalogResponse,
} from '@cqrs/customers-shared';

/** The event catalog, and replays: rewinding a consumer group of the events topic. */
export function eventAdminRoutes(admin: Admin, topic: string): BoundRoute[] {
  const catalog = { ...toEventCatalogResponse(), topic };
  return [
    bindRoute(listCustomerEventTypesRoute, () => Promise.resolve({ status: 200, body: catalog })),
    bindRoute(replayCustomerEventsRoute, async ({ body, log }) => {
      const partitions = await rewindConsumerGroup(admin, {
        groupId: body.groupId,
        topic,
        from: new Date(body.from),
      });
      log.info({ groupId: body.groupId, from: body.from, partitions }, 'consumer group rewound');
      return {
        status: 200,
        body: { groupId: body.groupId, topic, from: body.from, partitions },
      };
    }),
  ];
}
