import type { RouteResponse } from '@cqrs/framework-core';
import { parkedEventsRoutes } from './parked-events-routes';

describe('parkedEventsRoutes', () => {
  const routes = parkedEventsRoutes('orders');

  it('declares listing and replay on the evh of the service, for operators', () => {
    expect(routes.list).toMatchObject({
      service: 'orders',
      app: 'evh',
      exposure: 'public',
      method: 'get',
      path: '/orders/parked-events',
      operationId: 'listOrdersParkedEvents',
      auth: 'bearer',
      roles: ['operator'],
    });
    expect(routes.replay).toMatchObject({
      app: 'evh',
      method: 'post',
      path: '/orders/parked-events/{id}/replay',
      operationId: 'replayOrdersParkedEvent',
      roles: ['operator'],
    });
    expect(Object.keys(routes.list.responses)).toEqual(['200', '400', '401', '403']);
    expect(Object.keys(routes.replay.responses)).toEqual(
      expect.arrayContaining(['200', '401', '403', '404', '409', '422', '503']),
    );
  });

  it('links a page to the next page and to replaying its first event', () => {
    const { links } = routes.list.responses[200] as RouteResponse;
    expect(links?.NextPage?.parameters).toEqual({ 'query.cursor': '$response.body#/nextCursor' });
    expect(links).toMatchObject({
      NextPage: { operationId: 'listOrdersParkedEvents' },
      ReplayParkedEvent: {
        operationId: 'replayOrdersParkedEvent',
        parameters: { 'path.id': '$response.body#/items/0/id' },
      },
    });
  });

  it('gives multi-word services readable operation ids', () => {
    expect(parkedEventsRoutes('customer-registration').list.operationId).toBe(
      'listCustomerRegistrationParkedEvents',
    );
  });

  describe('list query', () => {
    const query = routes.list.query;

    it('pages 20 at a time unless asked, up to 100', () => {
      expect(query.parse({})).toEqual({ limit: 20 });
      expect(query.parse({ limit: '100', status: 'parked', cursor: 'abc' })).toEqual({
        limit: 100,
        status: 'parked',
        cursor: 'abc',
      });
      expect(query.safeParse({ limit: '0' }).success).toBe(false);
      expect(query.safeParse({ limit: '101' }).success).toBe(false);
    });

    it('refuses unknown parameters and statuses', () => {
      expect(query.safeParse({ state: 'parked' }).success).toBe(false);
      expect(query.safeParse({ status: 'lost' }).success).toBe(false);
    });

    it('filters by reason code, type and a time window in order', () => {
      expect(
        query.parse({
          status: 'discarded',
          reason: 'refused',
          type: 't.v1',
          from: '2026-03-01T00:00:00Z',
        }),
      ).toEqual({
        limit: 20,
        status: 'discarded',
        reason: 'refused',
        type: 't.v1',
        from: '2026-03-01T00:00:00Z',
      });
      expect(query.safeParse({ reason: 'lost' }).success).toBe(false);
      expect(
        query.safeParse({ from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }).success,
      ).toBe(false);
    });
  });

  describe('dead-letter routes', () => {
    it('groups parked events unless told otherwise, and discards with a reason', () => {
      expect(routes.groups.query.parse({})).toEqual({ status: 'parked' });
      expect(routes.groups.path).toBe('/orders/parked-events/groups');
      expect(routes.discard).toMatchObject({
        method: 'post',
        path: '/orders/parked-events/{id}/discard',
        roles: ['operator'],
      });
      expect(routes.discard.body.safeParse({}).success).toBe(false);
      expect(Object.keys(routes.discard.responses)).toEqual([
        '200',
        '400',
        '401',
        '403',
        '404',
        '409',
      ]);
    });

    it('runs bulk replays as jobs under /replays, their filter without a status', () => {
      expect(
        [routes.startBulkReplay, routes.getBulkReplay, routes.cancelBulkReplay].map(
          (r) => `${r.method} ${r.path}`,
        ),
      ).toEqual([
        'post /orders/parked-events/replays',
        'get /orders/parked-events/replays/{jobId}',
        'post /orders/parked-events/replays/{jobId}/cancel',
      ]);
      expect(routes.startBulkReplay.body.safeParse({ reason: 'refused' }).success).toBe(true);
      expect(routes.startBulkReplay.body.safeParse({ status: 'parked' }).success).toBe(false);
    });
  });
});
