import type { ApiRoute } from '@cqrs/framework-core';
import { allRoutes } from '../services';
import { buildRouteTable, gatewayProbePaths, matchRoute } from './route-table';

const describeRoute = (r: ApiRoute) =>
  `${r.method.toUpperCase()} ${r.path} (${r.service}-${r.app})`;

describe('the routes every service declares', () => {
  it('build a gateway route table: no two public routes of different apps collide', () => {
    expect(() => buildRouteTable(allRoutes, { reservedPaths: gatewayProbePaths })).not.toThrow();
  });

  it('reach their app through the gateway when public, and never when internal', () => {
    const table = buildRouteTable(allRoutes, { reservedPaths: gatewayProbePaths });
    const reachesItsApp = (r: ApiRoute) => {
      const match = matchRoute(table, r.method, r.path.replace(/\{[^}]+\}/g, 'sample-1'));
      return match.kind === 'matched' && match.route.upstream === `${r.service}-${r.app}`;
    };

    const unreachable = allRoutes.filter((r) => r.exposure === 'public' && !reachesItsApp(r));
    const exposed = allRoutes.filter((r) => r.exposure === 'internal' && reachesItsApp(r));

    expect(unreachable.map(describeRoute)).toEqual([]);
    expect(exposed.map(describeRoute)).toEqual([]);
  });
});
