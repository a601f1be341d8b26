import {
  buildRouteTable,
  matchRoute,
  RouteTableError,
  type GatewayRouteSource,
} from './route-table';

const route = (
  method: GatewayRouteSource['method'],
  path: string,
  app: GatewayRouteSource['app'] = method === 'get' ? 'qryh' : 'cmdh',
  exposure: GatewayRouteSource['exposure'] = 'public',
  service = 'customers',
): GatewayRouteSource => ({
  service,
  app,
  exposure,
  method,
  path,
  operationId: `${method}:${path}:${app}`,
});

const conflictsOf = (routes: GatewayRouteSource[]): readonly string[] => {
  try {
    buildRouteTable(routes);
  } catch (error) {
    if (error instanceof RouteTableError) return error.problems;
    throw error;
  }
  return [];
};

describe('buildRouteTable', () => {
  it('takes the public routes only, naming each upstream <service>-<app>', () => {
    const table = buildRouteTable([
      route('get', '/customers/{id}'),
      route('post', '/customers/{id}/open-orders', 'cmdh', 'internal'),
    ]);

    expect(table.routes.map((r) => [r.method, r.path, r.upstream])).toEqual([
      ['get', '/customers/{id}', 'customers-qryh'],
    ]);
  });

  it('orders routes most specific first: a literal beats a parameter at the first difference', () => {
    const table = buildRouteTable([
      route('get', '/customers/{id}/events'),
      route('get', '/customers/{id}'),
      route('get', '/customers/search/{term}'),
      route('get', '/customers/search'),
    ]);

    expect(table.routes.map((r) => r.path)).toEqual([
      '/customers/search',
      '/customers/search/{term}',
      '/customers/{id}',
      '/customers/{id}/events',
    ]);
  });

  it('rejects the same method on overlapping parameterised paths of different apps', () => {
    const problems = conflictsOf([
      route('get', '/customers/{id}/history', 'qryh'),
      route('get', '/customers/search/{term}', 'cmdh'),
      route('post', '/customers/{id}/history', 'cmdh'),
    ]);

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /GET \/customers\/\{id\}\/history \(customers-qryh .*overlaps GET \/customers\/search\/\{term\} \(customers-cmdh/,
    );
  });

  it('lets a fully literal path of one app take precedence over a parameterised one of another', () => {
    const table = buildRouteTable([
      route('get', '/customers/{id}', 'qryh'),
      route('get', '/customers/parked-events', 'evh'),
    ]);

    expect(matchRoute(table, 'GET', '/customers/parked-events')).toMatchObject({
      route: { upstream: 'customers-evh' },
    });
    expect(matchRoute(table, 'GET', '/customers/c-1')).toMatchObject({
      route: { upstream: 'customers-qryh' },
    });
  });

  it('rejects overlapping routes of two services too', () => {
    expect(
      conflictsOf([
        route('get', '/things/{id}', 'qryh', 'public', 'customers'),
        route('get', '/things/{ref}', 'qryh', 'public', 'orders'),
      ]),
    ).toHaveLength(1);
  });

  it('allows overlapping paths within one app, and equal paths for different methods', () => {
    expect(
      conflictsOf([
        route('get', '/customers/{id}'),
        route('get', '/customers/search'),
        route('post', '/customers/{id}', 'cmdh'),
        route('put', '/customers/{id}', 'extevp'),
      ]),
    ).toEqual([]);
  });

  it('rejects two routes of one app that match exactly the same paths', () => {
    expect(
      conflictsOf([route('get', '/customers/{id}'), route('get', '/customers/{customerId}')]),
    ).toEqual([expect.stringMatching(/match the same paths/)]);
  });

  it('ignores internal routes when looking for collisions', () => {
    expect(
      conflictsOf([
        route('get', '/customers/{id}', 'qryh'),
        route('get', '/customers/{id}', 'cmdh', 'internal'),
      ]),
    ).toEqual([]);
  });

  it('rejects paths it cannot match, reporting every problem at once', () => {
    const problems = conflictsOf([
      route('get', 'customers'),
      route('get', '/files/{name}.json'),
      route('get', '/customers/'),
      route('get', '/a/{x}/{x}'),
    ]);

    expect(problems).toHaveLength(4);
  });

  it('rejects a public route shadowed by a reserved path', () => {
    expect(() =>
      buildRouteTable([route('get', '/{tenant}')], { reservedPaths: ['/livez'] }),
    ).toThrow(/shadowed by the gateway's own \/livez/);
  });
});

describe('matchRoute', () => {
  const table = buildRouteTable([
    route('get', '/customers'),
    route('post', '/customers'),
    route('get', '/customers/{id}'),
    route('patch', '/customers/{id}', 'cmdh'),
    route('get', '/customers/stats'),
    route('post', '/customers/{id}/block'),
    route('post', '/hooks/kyc/{provider}', 'extevh'),
    route('get', '/customers/{id}/internal', 'qryh', 'internal'),
  ]);

  it('matches method and path, binding decoded parameters', () => {
    const match = matchRoute(table, 'PATCH', '/customers/c%201');

    expect(match).toEqual({
      kind: 'matched',
      route: expect.objectContaining({
        path: '/customers/{id}',
        upstream: 'customers-cmdh',
      }) as unknown,
      params: { id: 'c 1' },
    });
  });

  it('lets a literal segment win over a parameter', () => {
    const match = matchRoute(table, 'GET', '/customers/stats');

    expect(match.kind === 'matched' && match.route.path).toBe('/customers/stats');
  });

  it('routes HEAD like GET', () => {
    const match = matchRoute(table, 'HEAD', '/customers/c1');

    expect(match.kind === 'matched' && match.route.method).toBe('get');
  });

  it('falls back to a parameter route when the literal route lacks the method', () => {
    const match = matchRoute(table, 'PATCH', '/customers/stats');

    expect(match).toMatchObject({ kind: 'matched', params: { id: 'stats' } });
  });

  it('answers method-not-allowed for a known path, listing every allowed method', () => {
    expect(matchRoute(table, 'DELETE', '/customers/c1')).toEqual({
      kind: 'method-not-allowed',
      allow: ['GET', 'HEAD', 'PATCH'],
    });
    expect(matchRoute(table, 'GET', '/hooks/kyc/acme')).toEqual({
      kind: 'method-not-allowed',
      allow: ['POST'],
    });
  });

  it('allows only the methods of the most specific pattern matching the path', () => {
    // Act
    const match = matchRoute(table, 'DELETE', '/customers/stats');

    // Assert: /customers/stats is the literal route's; PATCH /customers/{id} does not own it
    expect(match).toEqual({ kind: 'method-not-allowed', allow: ['GET', 'HEAD'] });
  });

  it('answers not-found for unknown paths', () => {
    expect(matchRoute(table, 'GET', '/orders').kind).toBe('not-found');
    expect(matchRoute(table, 'GET', '/customers/c1/block/x').kind).toBe('not-found');
    expect(matchRoute(table, 'GET', '/').kind).toBe('not-found');
  });

  it('never routes to an internal route', () => {
    expect(matchRoute(table, 'GET', '/customers/c1/internal').kind).toBe('not-found');
  });

  it('refuses trailing slashes, empty and dot segments, even encoded ones', () => {
    for (const path of ['/customers/', '/customers//x', '/customers/..', '/customers/%2E%2e']) {
      expect(matchRoute(table, 'GET', path).kind).toBe('not-found');
    }
  });

  it('keeps a malformed escape in a parameter as sent', () => {
    expect(matchRoute(table, 'GET', '/customers/%E0%A4%A')).toMatchObject({
      params: { id: '%E0%A4%A' },
    });
  });
});
