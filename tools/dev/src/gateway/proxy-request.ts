import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { endToEndHeaders } from './forwarded-headers';
import { sendProblem } from './problem';

/** Errors that mean the upstream is not there (yet): the client may retry shortly. */
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** How long clients are told to wait before retrying when an upstream is unreachable. */
export const retryAfterSeconds = 2;

class UpstreamTimeout extends Error {
  override readonly name = 'UpstreamTimeout';
  readonly code = 'UPSTREAM_TIMEOUT';
}

/** What to forward where. */
export interface ProxyTarget {
  /** The upstream's base URL; its path, if any, is prefixed to the request's. */
  readonly base: URL;
  /** The upstream's name, for messages (`customers-qryh`). */
  readonly name: string;
  /** The request headers for the upstream (see `upstreamRequestHeaders`). */
  readonly headers: http.OutgoingHttpHeaders & { 'x-request-id': string };
  readonly agent: http.Agent;
  /** Longest silence from the upstream (before or during the response) before giving up. */
  readonly timeoutMs: number;
}

/** How a proxied exchange ended, for the access log. */
export interface ProxyOutcome {
  readonly status: number;
  /** Set when the upstream could not be reached or failed mid-way. */
  readonly error?: Error;
}

/**
 * Forwards one request to its upstream and the upstream's answer back, streaming both bodies.
 * Method, raw path and query are kept; the response keeps status, end-to-end headers and body.
 * Before the upstream answered, failures become problems: unreachable -> 503 with `Retry-After`,
 * silent for too long -> 504, anything else -> 502. After that the client connection is cut,
 * which is the only honest signal left. A client that goes away aborts the upstream request.
 */
export function proxyRequest(
  req: IncomingMessage,
  res: ServerResponse,
  target: ProxyTarget,
): Promise<ProxyOutcome> {
  return new Promise((resolve) => {
    let failure: Error | undefined;
    const prefix = target.base.pathname.replace(/\/+$/, '');
    const upstreamReq = http.request({
      protocol: target.base.protocol,
      hostname: target.base.hostname,
      port: target.base.port,
      method: req.method,
      path: prefix + (req.url ?? '/'),
      headers: target.headers,
      agent: target.agent,
    });
    const requestId = target.headers['x-request-id'];
    const instance = (req.url ?? '/').split('?')[0] as string;

    res.once('close', () => {
      if (!res.writableFinished) {
        failure ??= new Error('the client went away before the response was complete');
        upstreamReq.destroy();
      }
      resolve({ status: res.statusCode, ...(failure ? { error: failure } : {}) });
    });

    upstreamReq.setTimeout(target.timeoutMs, () => {
      upstreamReq.destroy(new UpstreamTimeout(`no answer within ${target.timeoutMs} ms`));
    });

    upstreamReq.once('error', (error: NodeJS.ErrnoException) => {
      failure = error;
      if (res.headersSent || res.destroyed) {
        res.destroy(error);
        return;
      }
      const headers = { 'x-request-id': requestId };
      if (error instanceof UpstreamTimeout) {
        sendProblem(
          res,
          'gateway_timeout',
          `${target.name} did not answer in time.`,
          instance,
          headers,
        );
      } else if (unreachableCodes.has(error.code ?? '')) {
        sendProblem(res, 'unavailable', `${target.name} is not reachable.`, instance, {
          ...headers,
          'retry-after': String(retryAfterSeconds),
        });
      } else {
        sendProblem(res, 'bad_gateway', `${target.name} failed to answer.`, instance, headers);
      }
    });

    upstreamReq.once('response', (upstreamRes) => {
      const headers: http.OutgoingHttpHeaders = endToEndHeaders(upstreamRes.headersDistinct);
      headers['x-request-id'] ??= requestId;
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, headers);
      pipeline(upstreamRes, res, (error) => {
        if (error && !res.writableFinished) {
          failure ??= error;
          res.destroy();
        }
      });
    });

    req.once('error', (error) => upstreamReq.destroy(error));
    req.pipe(upstreamReq);
  });
}
