import { catalogResponseSchemaFor } from './event-catalog';
import { publishingRoutes } from './publishing-routes';
import { replayEventsBodySchema } from './replay-schemas';

describe('publishingRoutes', () => {
  const catalogResponse = catalogResponseSchemaFor('thing.closed.v1');
  const routes = publishingRoutes('things', 'thing', catalogResponse);

  it('declares the catalog and replays of the service, served by its evp', () => {
    expect([routes.catalog, routes.replay]).toMatchObject([
      { service: 'things', app: 'evp', method: 'get', path: '/things/events/types' },
      { service: 'things', app: 'evp', method: 'post', path: '/things/events/replays' },
    ]);
    expect(routes.catalog.operationId).toBe('listThingEventTypes');
    expect(routes.replay.operationId).toBe('replayThingEvents');
    expect(routes.catalog.tags).toEqual(['thing events']);
    expect(routes.catalog.responses[200].body).toBe(catalogResponse);
  });

  it('lets only operators replay, and only while the group is idle', () => {
    expect(routes.replay.roles).toEqual(['operator']);
    expect(Object.keys(routes.replay.responses)).toEqual(['200', '400', '401', '403', '409']);
    expect(routes.replay.responses[409].description).toMatch(/reason group_active/);
  });

  it('takes a consumer group id Kafka accepts and a time with offset', () => {
    const valid = { groupId: 'orders-evh.v1', from: '2026-01-02T03:04:05+01:00' };

    expect(replayEventsBodySchema.safeParse(valid).success).toBe(true);
    expect(replayEventsBodySchema.safeParse({ ...valid, groupId: 'a/b' }).success).toBe(false);
    expect(replayEventsBodySchema.safeParse({ ...valid, from: 'yesterday' }).success).toBe(false);
    expect(replayEventsBodySchema.safeParse({ ...valid, extra: 1 }).success).toBe(false);
  });
});
