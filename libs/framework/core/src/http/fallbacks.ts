import type { Express, RequestHandler } from 'express';
import { AppError } from '../errors/app-error';
import { requestState } from './request-state';
import { toExpressPath } from './route-path';

/**
 * After every route: a known path asked with another method gets 405 with `Allow` (and
 * `OPTIONS` gets 204 with it); anything else gets 404. Both leave as problem details.
 */
export function mountFallbacks(
  app: Express,
  routes: readonly { readonly method: string; readonly path: string }[],
): void {
  const methodsByPath = new Map<string, Set<string>>();
  for (const { method, path } of routes) {
    const methods = methodsByPath.get(path) ?? new Set<string>();
    methods.add(method.toUpperCase());
    // express answers HEAD from the GET handler.
    if (method.toLowerCase() === 'get') methods.add('HEAD');
    methodsByPath.set(path, methods);
  }
  for (const [path, methods] of methodsByPath) {
    app.all(toExpressPath(path), methodNotAllowed(path, [...methods, 'OPTIONS'].join(', ')));
  }
  app.use((_req, _res, next) => {
    next(new AppError('not_found', 'There is nothing at this path.'));
  });
}

function methodNotAllowed(path: string, allow: string): RequestHandler {
  return (req, res, next) => {
    requestState(res).route = path;
    res.setHeader('Allow', allow);
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next(new AppError('method_not_allowed', `${req.method} is not allowed on this path.`));
  };
}
