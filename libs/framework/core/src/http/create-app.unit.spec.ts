import { createLogger } from '../logging/logger';
import { createMetrics } from '../metrics/metrics';
import { createHttpApp } from './create-app';
import { defineRoute, type ApiRoute } from './route';
import { bindRoute, type BoundRoute } from './route-handler';

const route = (overrides: Partial<ApiRoute>): ApiRoute =>
  defineRoute({
    service: 'things',
    app: 'qryh',
    exposure: 'public',
    method: 'get',
    path: '/things',
    operationId: 'listThings',
    summary: 'List things',
    tags: [],
    auth: 'none',
    responses: { 200: { description: 'ok' } },
    ...overrides,
  });

const bound = (overrides: Partial<ApiRoute> = {}): BoundRoute =>
  bindRoute(route(overrides), () => Promise.resolve({ status: 200 }));

const build = (routes: BoundRoute[]) =>
  createHttpApp({
    logger: createLogger({ name: 'test', level: 'silent' }),
    metrics: createMetrics('test'),
    routes,
  });

describe('createHttpApp', () => {
  describe('refuses to start with a declaration mistake', () => {
    it('when two routes share a method and path', () => {
      expect(() => build([bound(), bound({ operationId: 'again' })])).toThrow(
        'get /things is declared twice',
      );
    });

    it('when a bearer route has no authenticator to check it', () => {
      expect(() => build([bound({ auth: 'bearer' })])).toThrow(/no authenticator/);
    });

    it('when a route names roles without requiring a token', () => {
      expect(() => build([bound({ roles: ['admin'] })])).toThrow(/names roles/);
    });
  });

  it('builds an app for routes that differ by method or path', () => {
    expect(() =>
      build([bound(), bound({ method: 'post' }), bound({ path: '/other' })]),
    ).not.toThrow();
  });
});
