import type { ApiRoute } from '@cqrs/framework-core';
import { customersService } from '../service';
import { customersRoutes } from './customers-routes';
import { registerCustomerRoute, updateContactDetailsRoute } from './cmdh-routes';
import { getCustomerRoute } from './qryh-routes';

const describeRoute = (route: ApiRoute) =>
  `${route.method.toUpperCase()} ${route.path} ${route.app} ${route.exposure}`;

describe('Customers routes', () => {
  it('declares exactly these routes, each served by one app', () => {
    // Act
    const declared = customersService.allRoutes.map(describeRoute);

    // Assert
    expect(declared).toEqual([
      'POST /customers cmdh public',
      'PATCH /customers/{id} cmdh public',
      'POST /customers/{id}/block cmdh public',
      'POST /customers/{id}/unblock cmdh public',
      'POST /customers/{id}/close cmdh public',
      'POST /internal/customers/{id}/kyc/approve cmdh internal',
      'POST /internal/customers/{id}/kyc/reject cmdh internal',
      'POST /internal/customers/{id}/orders/{orderId}/opened cmdh internal',
      'POST /internal/customers/{id}/orders/{orderId}/closed cmdh internal',
      'GET /customers/{id} qryh public',
      'GET /customers qryh public',
      'GET /customers/{id}/history qryh public',
      'GET /customers/events/types evp public',
      'POST /customers/events/replays evp public',
      'POST /customers/events/snapshots evp public',
      'GET /customers/events/snapshots/{jobId} evp public',
      'POST /customers/events/snapshots/{jobId}/cancel evp public',
      'GET /customers/parked-events evh public',
      'GET /customers/parked-events/groups evh public',
      'POST /customers/parked-events/{id}/replay evh public',
      'POST /customers/parked-events/{id}/discard evh public',
      'POST /customers/parked-events/replays evh public',
      'GET /customers/parked-events/replays/{jobId} evh public',
      'POST /customers/parked-events/replays/{jobId}/cancel evh public',
      'POST /hooks/kyc-provider extevh public',
      'POST /customers/webhooks/subscriptions extevp public',
      'GET /customers/webhooks/subscriptions extevp public',
      'GET /customers/webhooks/subscriptions/{id} extevp public',
      'PATCH /customers/webhooks/subscriptions/{id} extevp public',
      'DELETE /customers/webhooks/subscriptions/{id} extevp public',
      'POST /customers/webhooks/subscriptions/{id}/disable extevp public',
      'POST /customers/webhooks/subscriptions/{id}/enable extevp public',
      'POST /customers/webhooks/subscriptions/{id}/rotate-secret extevp public',
      'POST /customers/webhooks/subscriptions/{id}/ping extevp public',
      'GET /customers/webhooks/subscriptions/{id}/deliveries extevp public',
      'GET /customers/webhooks/subscriptions/{id}/deliveries/{deliveryId} extevp public',
      'POST /customers/webhooks/subscriptions/{id}/deliveries/{deliveryId}/replay extevp public',
      'POST /customers/webhooks/subscriptions/{id}/replays extevp public',
      'GET /customers/webhooks/deliveries extevp public',
      'GET /customers/webhooks/deliveries/groups extevp public',
      'POST /customers/webhooks/deliveries/{deliveryId}/discard extevp public',
      'POST /customers/webhooks/deliveries/replays extevp public',
      'GET /customers/webhooks/deliveries/replays/{jobId} extevp public',
      'POST /customers/webhooks/deliveries/replays/{jobId}/cancel extevp public',
    ]);
  });

  it('belongs to the customers service, needs a bearer token (hooks: a signature) and answers 401', () => {
    // Assert
    for (const route of customersService.allRoutes) {
      expect([route.service, route.auth, route.responses[401]?.description]).toEqual([
        'customers',
        route.app === 'extevh' ? 'none' : 'bearer',
        expect.any(String),
      ]);
    }
  });

  it('has unique operation ids and one params schema key per path parameter', () => {
    // Act
    const operationIds = new Set(customersService.allRoutes.map((route) => route.operationId));
    const paramsMismatch = customersService.allRoutes.filter((route) => {
      const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      return inPath.join() !== Object.keys(route.params?.shape ?? {}).join();
    });

    // Assert
    expect(operationIds.size).toBe(customersService.allRoutes.length);
    expect(paramsMismatch.map(describeRoute)).toEqual([]);
  });

  it('restricts internal routes to services and replays to operators', () => {
    // Act
    const restricted = customersService.allRoutes
      .filter((route) => route.roles)
      .map((route) => `${route.path} ${route.roles?.join()}`);

    // Assert
    expect(restricted).toEqual([
      '/internal/customers/{id}/kyc/approve service',
      '/internal/customers/{id}/kyc/reject service',
      '/internal/customers/{id}/orders/{orderId}/opened service',
      '/internal/customers/{id}/orders/{orderId}/closed service',
      '/customers/events/replays operator',
      '/customers/events/snapshots operator',
      '/customers/events/snapshots/{jobId} operator',
      '/customers/events/snapshots/{jobId}/cancel operator',
      '/customers/parked-events operator',
      '/customers/parked-events/groups operator',
      '/customers/parked-events/{id}/replay operator',
      '/customers/parked-events/{id}/discard operator',
      '/customers/parked-events/replays operator',
      '/customers/parked-events/replays/{jobId} operator',
      '/customers/parked-events/replays/{jobId}/cancel operator',
      '/customers/webhooks/subscriptions integrations',
      '/customers/webhooks/subscriptions integrations',
      '/customers/webhooks/subscriptions/{id} integrations',
      '/customers/webhooks/subscriptions/{id} integrations',
      '/customers/webhooks/subscriptions/{id} integrations',
      '/customers/webhooks/subscriptions/{id}/disable integrations',
      '/customers/webhooks/subscriptions/{id}/enable integrations',
      '/customers/webhooks/subscriptions/{id}/rotate-secret integrations',
      '/customers/webhooks/subscriptions/{id}/ping integrations',
      '/customers/webhooks/subscriptions/{id}/deliveries integrations',
      '/customers/webhooks/subscriptions/{id}/deliveries/{deliveryId} integrations',
      '/customers/webhooks/subscriptions/{id}/deliveries/{deliveryId}/replay integrations',
      '/customers/webhooks/subscriptions/{id}/replays integrations',
      '/customers/webhooks/deliveries operator',
      '/customers/webhooks/deliveries/groups operator',
      '/customers/webhooks/deliveries/{deliveryId}/discard operator',
      '/customers/webhooks/deliveries/replays operator',
      '/customers/webhooks/deliveries/replays/{jobId} operator',
      '/customers/webhooks/deliveries/replays/{jobId}/cancel operator',
    ]);
  });

  it('requires an Idempotency-Key on every command', () => {
    // Act
    const withoutKey = customersRoutes.cmdh.filter((route) => route.headers.safeParse({}).success);
    const withKey = customersRoutes.cmdh.filter(
      (route) => route.headers.safeParse({ 'idempotency-key': 'k-1' }).success,
    );

    // Assert
    expect(withoutKey).toEqual([]);
    expect(withKey).toHaveLength(customersRoutes.cmdh.length);
  });

  it('answers a registration with 201, Location and ETag', () => {
    // Act
    const created = registerCustomerRoute.responses[201];

    // Assert
    expect(Object.keys(created.headers).sort()).toEqual(['ETag', 'Location']);
    expect(Object.keys(registerCustomerRoute.responses).sort()).toEqual([
      '201',
      '400',
      '401',
      '409',
      '422',
    ]);
  });

  it('honours If-Match on client commands with a 412', () => {
    // Act
    const headers = updateContactDetailsRoute.headers.parse({
      'idempotency-key': 'k-1',
      'if-match': '"3"',
      'user-agent': 'curl',
    });

    // Assert
    expect(headers).toEqual({ 'idempotency-key': 'k-1', 'if-match': '"3"' });
    expect(updateContactDetailsRoute.responses[412].description).toMatch(/If-Match/);
  });

  it('answers a conditional read with ETag and 304', () => {
    // Assert
    expect(getCustomerRoute.responses[200].headers).toHaveProperty('ETag');
    expect(getCustomerRoute.responses[304]).not.toHaveProperty('body');
    expect(getCustomerRoute.headers.shape).toHaveProperty('if-none-match');
  });
});
