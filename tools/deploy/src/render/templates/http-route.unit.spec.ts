import path from 'node:path';
import { repoRoot } from '@cqrs/tools-infra';
import {
  allRoutes,
  buildRouteTable,
  gatewayProbePaths,
  type GatewayRoute,
  matchRoute,
} from '@cqrs/tools-workspace';
import { renderApps } from '../render-apps';
import { loadValues } from '../values';
import type { HttpRoute, HttpRouteMatch } from './http-route';
import { pathMatchOf } from './http-route';

const values = loadValues([path.join(repoRoot, 'deploy/values.yaml')]);
const table = buildRouteTable(allRoutes, { reservedPaths: gatewayProbePaths });
// Every app that serves a public route, whether or not its directory exists yet.
const apps = [...new Set(table.routes.map((r) => r.upstream))].map((name) => {
  const route = table.routes.find((r) => r.upstream === name) as GatewayRoute;
  return { name, service: route.service, role: route.app };
});
const httpRoutes = renderApps({ values, apps, routes: allRoutes, imageTag: 'v1' })
  .flatMap((r) => r.objects)
  .filter((o): o is HttpRoute => o.kind === 'HTTPRoute');

/**
 * Routes a request the way the Gateway API specifies for matches of one listener: among the
 * matches of the request's method whose path matches, an `Exact` one wins over any other kind.
 * Returns the backend, or the backends when the choice would be implementation-specific.
 */
function gatewayApiRoute(method: string, requestPath: string): string | string[] | undefined {
  const hits: { match: HttpRouteMatch; backend: string }[] = [];
  for (const route of httpRoutes) {
    for (const rule of route.spec.rules) {
      for (const match of rule.matches) {
        const pathHit =
          match.path.type === 'Exact'
            ? match.path.value === requestPath
            : new RegExp(match.path.value).test(requestPath);
        if (pathHit && match.method === method)
          hits.push({ match, backend: rule.backendRefs[0]?.name ?? '?' });
      }
    }
  }
  const exact = hits.filter((h) => h.match.path.type === 'Exact');
  const winners = new Set((exact.length > 0 ? exact : hits).map((h) => h.backend));
  if (winners.size <= 1) return [...winners][0];
  return [...winners].sort();
}

describe('HTTPRoutes', () => {
  it('hold one match per public route of the gateway table (plus HEAD for GET), to the route app', () => {
    const rendered = httpRoutes.flatMap((route) =>
      route.spec.rules.flatMap((rule) =>
        rule.matches.map(
          (m) => `${m.method} ${m.path.type} ${m.path.value} -> ${rule.backendRefs[0]?.name}`,
        ),
      ),
    );
    const expected = table.routes.flatMap((r) => {
      const p = pathMatchOf(r.segments, r.path);
      const methods = r.method === 'get' ? ['GET', 'HEAD'] : [r.method.toUpperCase()];
      return methods.map((m) => `${m} ${p.type} ${p.value} -> ${r.upstream}`);
    });

    expect(rendered.sort()).toEqual(expected.sort());
    expect(httpRoutes.every((r) => r.spec.parentRefs[0]?.name === values.gateway.name)).toBe(true);
  });

  it('send every public route to the same app as the local gateway does', () => {
    const samples = table.routes.flatMap((r) => [
      { method: r.method.toUpperCase(), path: r.path.replace(/\{[^}]+\}/g, 'sample-1') },
      // a parameter value that equals a literal elsewhere must still reach the parameter's app
      { method: r.method.toUpperCase(), path: r.path.replace(/\{[^}]+\}/g, 'parked-events') },
    ]);
    const differences = samples
      .map(({ method, path: p }) => {
        const local = matchRoute(table, method, p);
        const expected = local.kind === 'matched' ? local.route.upstream : undefined;
        return {
          request: `${method} ${p}`,
          local: expected,
          gatewayApi: gatewayApiRoute(method, p),
        };
      })
      .filter((d) => JSON.stringify(d.local) !== JSON.stringify(d.gatewayApi));

    expect(differences).toEqual([]);
  });

  it('route HEAD like GET, and nothing for paths or methods the table does not have', () => {
    expect(gatewayApiRoute('HEAD', '/customers/c-1')).toBe('customers-qryh');
    expect(gatewayApiRoute('GET', '/customers/c-1/nope')).toBeUndefined();
    expect(gatewayApiRoute('DELETE', '/customers/c-1')).toBeUndefined();
    expect(gatewayApiRoute('GET', '/customers/')).toBeUndefined();
  });
});

describe('pathMatchOf', () => {
  it('matches literal paths exactly and parameters as one segment, escaping literal text', () => {
    expect(pathMatchOf([{ kind: 'literal', value: 'a' }], '/a')).toEqual({
      type: 'Exact',
      value: '/a',
    });
    expect(
      pathMatchOf(
        [
          { kind: 'literal', value: 'v1.0' },
          { kind: 'param', name: 'id' },
        ],
        '/v1.0/{id}',
      ),
    ).toEqual({ type: 'RegularExpression', value: '^/v1\\.0/[^/]+$' });
  });
});
