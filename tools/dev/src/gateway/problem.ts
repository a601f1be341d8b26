import { STATUS_CODES, type ServerResponse } from 'node:http';
import { problemContentType, problemTypeBase } from '@cqrs/framework-core';

/** The problems the gateway itself reports, by error code. */
export type GatewayProblemCode =
  'not_found' | 'method_not_allowed' | 'unavailable' | 'bad_gateway' | 'gateway_timeout';

const statusOf: Record<GatewayProblemCode, number> = {
  not_found: 404,
  method_not_allowed: 405,
  unavailable: 503,
  bad_gateway: 502,
  gateway_timeout: 504,
};

/**
 * Answers with an RFC 9457 problem details document, with the apps' media type and type URIs. `headers` adds e.g. `Allow` or
 * `Retry-After`; a HEAD request gets the headers without the body.
 */
export function sendProblem(
  res: ServerResponse,
  code: GatewayProblemCode,
  detail: string,
  instance: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  const status = statusOf[code];
  const body = JSON.stringify({
    type: problemTypeBase + code,
    title: STATUS_CODES[status] ?? code,
    status,
    detail,
    instance,
  });
  res.writeHead(status, {
    ...headers,
    'content-type': problemContentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
