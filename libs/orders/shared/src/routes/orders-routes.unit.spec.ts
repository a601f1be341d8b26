import type { ApiRoute } from '@cqrs/framework-core';
import { holdCustomerOrdersRoute, releaseCustomerOrdersRoute } from './cmdh-internal-routes';
import { placeOrderRoute, shipOrderRoute } from './cmdh-routes';
import { ordersService } from '../service';
import { ordersRoutes } from './orders-routes';
import { getOrderRoute } from './qryh-routes';

const describeRoute = (route: ApiRoute) =>
  `${route.method.toUpperCase()} ${route.path} ${route.app} ${route.exposure}`;

describe('Orders routes', () => {
  it('declares exactly these routes, each served by one app', () => {
    // Act
    const declared = ordersService.allRoutes.map(describeRoute);

    // Assert
    expect(declared).toEqual([
      'POST /orders cmdh public',
      'POST /orders/{id}/cancel cmdh public',
      'POST /orders/{id}/ship cmdh public',
      'POST /internal/customer-standings/{customerId} cmdh internal',
      'POST /internal/customers/{customerId}/orders/hold cmdh internal',
      'POST /internal/customers/{customerId}/orders/release cmdh internal',
      'POST /internal/orders/{id}/payment-succeeded cmdh internal',
      'POST /internal/orders/{id}/payment-failed cmdh internal',
      'GET /orders/{id} qryh public',
      'GET /orders qryh public',
      'GET /orders/{id}/history qryh public',
      'GET /customers/{id}/order-stats qryh public',
      'GET /orders/events/types evp public',
      'POST /orders/events/replays evp public',
      'POST /orders/events/snapshots evp public',
      'GET /orders/events/snapshots/{jobId} evp public',
      'POST /orders/events/snapshots/{jobId}/cancel evp public',
      'GET /orders/parked-events evh public',
      'GET /orders/parked-events/groups evh public',
      'POST /orders/parked-events/{id}/replay evh public',
      'POST /orders/parked-events/{id}/discard evh public',
      'POST /orders/parked-events/replays evh public',
      'GET /orders/parked-events/replays/{jobId} evh public',
      'POST /orders/parked-events/replays/{jobId}/cancel evh public',
      'POST /hooks/payment-provider extevh public',
      'POST /orders/webhooks/subscriptions extevp public',
      'GET /orders/webhooks/subscriptions extevp public',
      'GET /orders/webhooks/subscriptions/{id} extevp public',
      'PATCH /orders/webhooks/subscriptions/{id} extevp public',
      'DELETE /orders/webhooks/subscriptions/{id} extevp public',
      'POST /orders/webhooks/subscriptions/{id}/disable extevp public',
      'POST /orders/webhooks/subscriptions/{id}/enable extevp public',
      'POST /orders/webhooks/subscriptions/{id}/rotate-secret extevp public',
      'POST /orders/webhooks/subscriptions/{id}/ping extevp public',
      'GET /orders/webhooks/subscriptions/{id}/deliveries extevp public',
      'GET /orders/webhooks/subscriptions/{id}/deliveries/{deliveryId} extevp public',
      'POST /orders/webhooks/subscriptions/{id}/deliveries/{deliveryId}/replay extevp public',
      'POST /orders/webhooks/subscriptions/{id}/replays extevp public',
      'GET /orders/webhooks/deliveries extevp public',
      'GET /orders/webhooks/deliveries/groups extevp public',
      'POST /orders/webhooks/deliveries/{deliveryId}/discard extevp public',
      'POST /orders/webhooks/deliveries/replays extevp public',
      'GET /orders/webhooks/deliveries/replays/{jobId} extevp public',
      'POST /orders/webhooks/deliveries/replays/{jobId}/cancel extevp public',
      'POST /orders/read-models/{name}/rebuilds chgh public',
      'GET /orders/read-models/{name}/rebuilds/{rebuildId} chgh public',
      'POST /orders/read-models/{name}/rebuilds/{rebuildId}/cancel chgh public',
    ]);
  });

  it('belongs to the orders service, needs a bearer token (hooks: a signature) and answers 401', () => {
    // Assert
    for (const route of ordersService.allRoutes) {
      expect([route.service, route.auth, route.responses[401]?.description]).toEqual([
        'orders',
        route.app === 'extevh' ? 'none' : 'bearer',
        expect.any(String),
      ]);
    }
  });

  it('has unique operation ids and one params schema key per path parameter', () => {
    // Act
    const operationIds = new Set(ordersService.allRoutes.map((route) => route.operationId));
    const paramsMismatch = ordersService.allRoutes.filter((route) => {
      const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      return inPath.join() !== Object.keys(route.params?.shape ?? {}).join();
    });

    // Assert
    expect(operationIds.size).toBe(ordersService.allRoutes.length);
    expect(paramsMismatch.map(describeRoute)).toEqual([]);
  });

  it('restricts internal routes to services and replays to operators', () => {
    // Act
    const restricted = ordersService.allRoutes
      .filter((route) => route.roles)
      .map((route) => `${route.path} ${route.roles?.join()}`);

    // Assert
    expect(restricted).toEqual([
      '/internal/customer-standings/{customerId} service',
      '/internal/customers/{customerId}/orders/hold service',
      '/internal/customers/{customerId}/orders/release service',
      '/internal/orders/{id}/payment-succeeded service',
      '/internal/orders/{id}/payment-failed service',
      '/orders/events/replays operator',
      '/orders/events/snapshots operator',
      '/orders/events/snapshots/{jobId} operator',
      '/orders/events/snapshots/{jobId}/cancel operator',
      '/orders/parked-events operator',
      '/orders/parked-events/groups operator',
      '/orders/parked-events/{id}/replay operator',
      '/orders/parked-events/{id}/discard operator',
      '/orders/parked-events/replays operator',
      '/orders/parked-events/replays/{jobId} operator',
      '/orders/parked-events/replays/{jobId}/cancel operator',
      '/orders/webhooks/subscriptions integrations',
      '/orders/webhooks/subscriptions integrations',
      '/orders/webhooks/subscriptions/{id} integrations',
      '/orders/webhooks/subscriptions/{id} integrations',
      '/orders/webhooks/subscriptions/{id} integrations',
      '/orders/webhooks/subscriptions/{id}/disable integrations',
      '/orders/webhooks/subscriptions/{id}/enable integrations',
      '/orders/webhooks/subscriptions/{id}/rotate-secret integrations',
      '/orders/webhooks/subscriptions/{id}/ping integrations',
      '/orders/webhooks/subscriptions/{id}/deliveries integrations',
      '/orders/webhooks/subscriptions/{id}/deliveries/{deliveryId} integrations',
      '/orders/webhooks/subscriptions/{id}/deliveries/{deliveryId}/replay integrations',
      '/orders/webhooks/subscriptions/{id}/replays integrations',
      '/orders/webhooks/deliveries operator',
      '/orders/webhooks/deliveries/groups operator',
      '/orders/webhooks/deliveries/{deliveryId}/discard operator',
      '/orders/webhooks/deliveries/replays operator',
      '/orders/webhooks/deliveries/replays/{jobId} operator',
      '/orders/webhooks/deliveries/replays/{jobId}/cancel operator',
      '/orders/read-models/{name}/rebuilds operator',
      '/orders/read-models/{name}/rebuilds/{rebuildId} operator',
      '/orders/read-models/{name}/rebuilds/{rebuildId}/cancel operator',
    ]);
  });

  it('requires an Idempotency-Key on every command', () => {
    // Act
    const withoutKey = ordersRoutes.cmdh.filter((route) => route.headers.safeParse({}).success);
    const withKey = ordersRoutes.cmdh.filter(
      (route) => route.headers.safeParse({ 'idempotency-key': 'k-1' }).success,
    );

    // Assert
    expect(withoutKey).toEqual([]);
    expect(withKey).toHaveLength(ordersRoutes.cmdh.length);
  });

  it('answers a placement with 201, Location and ETag', () => {
    // Act
    const created = placeOrderRoute.responses[201];

    // Assert
    expect(Object.keys(created.headers).sort()).toEqual(['ETag', 'Location']);
    expect(Object.keys(placeOrderRoute.responses).sort()).toEqual([
      '201',
      '400',
      '401',
      '409',
      '422',
    ]);
  });

  it('honours an optional If-Match on ship with a 412', () => {
    // Act
    const withTag = shipOrderRoute.headers.parse({
      'idempotency-key': 'k-1',
      'if-match': '"3"',
      'user-agent': 'curl',
    });
    const without = shipOrderRoute.headers.safeParse({ 'idempotency-key': 'k-1' });

    // Assert
    expect(withTag).toEqual({ 'idempotency-key': 'k-1', 'if-match': '"3"' });
    expect(without.success).toBe(true);
    expect(shipOrderRoute.responses[412].description).toMatch(/If-Match/);
  });

  it('answers hold and release with the changed orders', () => {
    // Arrange
    const answer = { orders: [{ id: 'o-1', version: 4, status: 'on_hold' }] };

    // Act
    const bodies = [holdCustomerOrdersRoute, releaseCustomerOrdersRoute].map(
      (route) => route.responses[200].body.safeParse(answer).success,
    );

    // Assert
    expect(bodies).toEqual([true, true]);
    expect(holdCustomerOrdersRoute.body.safeParse({}).success).toBe(false);
  });

  it('answers a conditional read with ETag and 304', () => {
    // Assert
    expect(getOrderRoute.responses[200].headers).toHaveProperty('ETag');
    expect(getOrderRoute.responses[304]).not.toHaveProperty('body');
    expect(getOrderRoute.headers.shape).toHaveProperty('if-none-match');
  });
});
