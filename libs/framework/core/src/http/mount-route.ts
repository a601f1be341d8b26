import type { Express, RequestHandler, Response } from 'express';
import type { Authenticator } from '../auth/authenticator';
import type { Logger } from '../logging/logger';
import { requestState } from './request-state';
import type { ApiRoute } from './route';
import type { BoundRoute, RouteRequest, RouteResult } from './route-handler';
import { authenticate, jsonBody, rawJsonBody, requireJson } from './route-guards';
import { toExpressPath } from './route-path';
import { validateRequest } from './validate-request';

export interface MountOptions {
  readonly logger: Logger;
  readonly authenticator: Authenticator | undefined;
  readonly bodyLimit: string | number;
}

/**
 * Mounts one bound route: authentication and roles, then the body (JSON only, size-limited;
 * kept as bytes for `rawBody` routes), then validation of every part, then the handler. Each step throws an AppError that the app's
 * error middleware turns into problem details.
 */
export function mountRoute(app: Express, bound: BoundRoute, options: MountOptions): void {
  const { route, handler } = bound;
  const log = options.logger.child({ operationId: route.operationId });
  const steps: RequestHandler[] = [
    (_req, res, next) => {
      const state = requestState(res);
      state.route = route.path;
      state.bearer = route.auth === 'bearer';
      next();
    },
  ];
  if (route.auth === 'bearer') {
    if (options.authenticator === undefined) {
      throw new Error(
        `route ${route.operationId} needs a bearer token but no authenticator is set`,
      );
    }
    steps.push(authenticate(options.authenticator, route.roles));
  } else if ((route.roles?.length ?? 0) > 0) {
    // Roles without a token could never be checked: a declaration mistake, caught at start-up.
    throw new Error(`route ${route.operationId} names roles but does not require a bearer token`);
  }
  if (route.rawBody === true) steps.push(requireJson, rawJsonBody(options.bodyLimit));
  else if (route.body !== undefined) steps.push(requireJson, jsonBody(options.bodyLimit));
  steps.push(async (req, res) => {
    const { context, actor } = requestState(res);
    const request = {
      ...validateRequest(route, req),
      rawBody: route.rawBody === true ? rawBodyOf(req.body) : undefined,
      actor,
      requestId: context.requestId,
      correlationId: context.correlationId,
      log,
    } as RouteRequest<ApiRoute>;
    send(res, await handler(request));
  });
  app[route.method](toExpressPath(route.path), ...steps);
}

// Without a (JSON) body the raw body parser leaves `req.body` unset: that is zero bytes.
const rawBodyOf = (body: unknown): Buffer => (Buffer.isBuffer(body) ? body : Buffer.alloc(0));

function send(res: Response, result: RouteResult<ApiRoute>): void {
  res.status(result.status);
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  if (result.body === undefined) res.end();
  else res.json(result.body);
}
