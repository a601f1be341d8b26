import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import {
  buildRouteTable,
  gatewayProbePaths,
  type GatewayRouteSource,
  matchRoute,
} from '@cqrs/tools-workspace';
import { upstreamRequestHeaders } from './forwarded-headers';
import { silentGatewayLogger, type GatewayLogger } from './gateway-logger';
import { sendProblem } from './problem';
import { proxyRequest, retryAfterSeconds } from './proxy-request';

export interface GatewayOptions {
  /** Every service's route declarations; only the public ones are routed. */
  readonly routes: readonly GatewayRouteSource[];
  /**
   * Base URL (`http://host:port`) of each app, by `<service>-<app>`. A route whose app has no
   * entry answers 503, so a subset of the apps can run.
   */
  readonly upstreams: Readonly<Record<string, string>>;
  readonly logger?: GatewayLogger;
  /** Longest silence from an upstream before the request fails with 504 (default 60 s). */
  readonly upstreamTimeoutMs?: number;
}

function parseUpstreams(upstreams: Readonly<Record<string, string>>): Map<string, URL> {
  const parsed = new Map<string, URL>();
  for (const [name, base] of Object.entries(upstreams)) {
    let url: URL;
    try {
      url = new URL(base);
    } catch {
      throw new Error(`upstream ${name}: ${JSON.stringify(base)} is not a URL`);
    }
    if (url.protocol !== 'http:')
      throw new Error(`upstream ${name}: only http: URLs are supported`);
    parsed.set(name, url);
  }
  return parsed;
}

/**
 * The local API gateway: one HTTP server in front of every app that routes each public route
 * (by method and path, from the same declarations `openapi.yaml` is generated from) to the app
 * that serves it. Internal routes are never reachable through it. Unknown paths get 404, known
 * paths with another method 405 with `Allow`, both as RFC 9457 problems; see `proxyRequest` for
 * upstream failures. `/livez` and `/readyz` are the gateway's own.
 *
 * Returns the server unstarted: call `listen`. Closing it also drops pooled upstream connections.
 *
 * @throws RouteTableError when the routes collide, Error when an upstream URL is invalid.
 */
export function createGateway(options: GatewayOptions): Server {
  const table = buildRouteTable(options.routes, { reservedPaths: gatewayProbePaths });
  const upstreams = parseUpstreams(options.upstreams);
  const logger = options.logger ?? silentGatewayLogger;
  const timeoutMs = options.upstreamTimeoutMs ?? 60_000;
  const agent = new http.Agent({ keepAlive: true, maxFreeSockets: 64 });

  const probe = (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    if (!(gatewayProbePaths as readonly string[]).includes(path)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendProblem(res, 'method_not_allowed', `${path} answers GET and HEAD only.`, path, {
        allow: 'GET, HEAD',
      });
      return true;
    }
    const ready = path === '/livez' || server.listening;
    const body = JSON.stringify({ status: ready ? 'ok' : 'stopping' });
    res.writeHead(ready ? 200 : 503, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const path = url.split('?')[0] as string;
    if (probe(req, res, path)) return;

    const headers = upstreamRequestHeaders(req.headersDistinct, {
      remoteAddress: req.socket.remoteAddress,
      encrypted: (req.socket as Partial<TLSSocket>).encrypted === true,
      newRequestId: randomUUID,
    });
    const requestId = headers['x-request-id'];
    const match = url.startsWith('/')
      ? matchRoute(table, method, path)
      : { kind: 'not-found' as const };

    if (match.kind !== 'matched') {
      if (match.kind === 'method-not-allowed') {
        sendProblem(res, 'method_not_allowed', `${path} does not answer ${method}.`, path, {
          allow: match.allow.join(', '),
          'x-request-id': requestId,
        });
      } else {
        sendProblem(res, 'not_found', `No route matches ${path}.`, path, {
          'x-request-id': requestId,
        });
      }
      logger.info({ requestId }, `${method} ${path} ${res.statusCode}`);
      return;
    }

    const { upstream } = match.route;
    const base = upstreams.get(upstream);
    if (base === undefined) {
      sendProblem(res, 'unavailable', `${upstream} is not running.`, path, {
        'retry-after': String(retryAfterSeconds),
        'x-request-id': requestId,
      });
      logger.warn({ requestId }, `${method} ${path} -> ${upstream} 503: not running`);
      return;
    }

    const outcome = await proxyRequest(req, res, {
      base,
      name: upstream,
      headers,
      agent,
      timeoutMs,
    });
    // The message is the line people read; the query stays out of logs (it may hold secrets).
    const summary = `${method} ${path} -> ${upstream} ${outcome.status}`;
    const done = { requestId, ms: Math.round(performance.now() - started) };
    if (outcome.error === undefined) logger.info(done, summary);
    else logger.warn({ ...done, err: outcome.error }, `${summary}: ${outcome.error.message}`);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error, method: req.method, url: req.url }, 'gateway failure');
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  server.once('close', () => agent.destroy());
  return server;
}
