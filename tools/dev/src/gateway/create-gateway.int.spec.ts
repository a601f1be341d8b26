import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayRouteSource } from '@cqrs/tools-workspace';
import { createGateway } from './create-gateway';

interface Echo {
  readonly upstream: string;
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** The `/slow` requests whose connection the gateway closed. */
const closedSlowRequests: string[] = [];

/** A real upstream that answers with what it received; `x-test-status` picks the status. */
function echoServer(name: string): Server {
  return http.createServer((req, res) => {
    if (name === 'customers-qryh') qryhRequests.push(req.url ?? '');
    if (req.url?.startsWith('/slow')) {
      req.once('close', () => closedSlowRequests.push(req.url ?? ''));
      return; // never answers
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const echo: Echo = {
        upstream: name,
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const body = JSON.stringify(echo);
      res.writeHead(Number(req.headers['x-test-status'] ?? 200), {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'set-cookie': ['a=1; Path=/', 'b=2; Path=/'],
        'x-upstream': name,
        'x-method': req.method,
      });
      res.end(body);
    });
  });
}

/** Every request path the qryh upstream received, in order. */
const qryhRequests: string[] = [];

const waitFor = async (check: () => boolean) => {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

const route = (
  method: GatewayRouteSource['method'],
  path: string,
  app: GatewayRouteSource['app'],
  exposure: GatewayRouteSource['exposure'] = 'public',
): GatewayRouteSource => ({
  service: 'customers',
  app,
  exposure,
  method,
  path,
  operationId: `${method}${path}`,
});

const routes: GatewayRouteSource[] = [
  route('get', '/customers', 'qryh'),
  route('get', '/customers/{id}', 'qryh'),
  route('get', '/slow/{id}', 'qryh'),
  route('post', '/customers', 'cmdh'),
  route('patch', '/customers/{id}', 'cmdh'),
  route('post', '/customers/{id}/open-orders', 'cmdh', 'internal'),
  route('post', '/subscriptions', 'extevp'),
  route('post', '/hooks/kyc', 'extevh'),
];

describe('gateway', () => {
  const qryh = echoServer('customers-qryh');
  const cmdh = echoServer('customers-cmdh');
  const gone = echoServer('customers-extevp');
  let gateway: Server;
  let gatewayUrl: string;
  let qryhUrl: string;
  const logged: { level: string; fields: Record<string, unknown>; msg: string }[] = [];
  const record =
    (level: string) =>
    (fields: Record<string, unknown>, msg: string): void => {
      logged.push({ level, fields, msg });
    };

  beforeAll(async () => {
    const goneUrl = await listen(gone);
    await close(gone); // an upstream that is down: nothing listens on its port any more
    gateway = createGateway({
      routes,
      upstreams: {
        'customers-qryh': (qryhUrl = await listen(qryh)),
        'customers-cmdh': await listen(cmdh),
        'customers-extevp': goneUrl,
      },
      upstreamTimeoutMs: 300,
      logger: { info: record('info'), warn: record('warn'), error: record('error') },
    });
    gatewayUrl = await listen(gateway);
  });

  afterAll(async () => {
    await Promise.all([close(gateway), close(qryh), close(cmdh)]);
  });

  it('proxies a GET with its path, query and headers, adding forwarding headers', async () => {
    const res = await fetch(`${gatewayUrl}/customers/c%201?state=active&x=1&x=2`, {
      headers: { authorization: 'Bearer t0k3n', 'x-custom': 'yes' },
    });
    const echo = (await res.json()) as Echo;

    expect(res.status).toBe(200);
    expect(echo).toMatchObject({
      upstream: 'customers-qryh',
      method: 'GET',
      url: '/customers/c%201?state=active&x=1&x=2',
    });
    expect(echo.headers).toMatchObject({
      authorization: 'Bearer t0k3n',
      'x-custom': 'yes',
      host: new URL(gatewayUrl).host,
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': new URL(gatewayUrl).host,
      'x-request-id': expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
    });
    expect(res.headers.get('x-request-id')).toBe(echo.headers['x-request-id']);
  });

  it('keeps the client request id and earlier forwarding hops', async () => {
    const res = await fetch(`${gatewayUrl}/customers`, {
      headers: { 'x-request-id': 'req-1', 'x-forwarded-for': '203.0.113.9' },
    });
    const echo = (await res.json()) as Echo;

    expect(echo.headers['x-request-id']).toBe('req-1');
    expect(echo.headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
  });

  it('proxies a body and returns the upstream status, headers and body unchanged', async () => {
    const body = JSON.stringify({ name: 'Alice', pad: 'x'.repeat(256 * 1024) });
    const res = await fetch(`${gatewayUrl}/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test-status': '201' },
      body,
    });
    const echo = (await res.json()) as Echo;

    expect(res.status).toBe(201);
    expect(res.headers.get('x-upstream')).toBe('customers-cmdh');
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(echo).toMatchObject({ upstream: 'customers-cmdh', method: 'POST', body });
    expect(echo.headers['content-type']).toBe('application/json');
  });

  it('streams a request body of unknown length', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"a":'));
        controller.enqueue(new TextEncoder().encode('1}'));
        controller.close();
      },
    });
    const res = await fetch(`${gatewayUrl}/customers/c1`, {
      method: 'PATCH',
      body: stream,
      duplex: 'half',
    });
    const echo = (await res.json()) as Echo;

    expect(echo).toMatchObject({ method: 'PATCH', body: '{"a":1}' });
  });

  it('forwards HEAD as HEAD to the GET route', async () => {
    const res = await fetch(`${gatewayUrl}/customers/c1`, { method: 'HEAD' });

    expect(res.status).toBe(200);
    expect(res.headers.get('x-upstream')).toBe('customers-qryh');
    expect(res.headers.get('x-method')).toBe('HEAD');
    expect(await res.text()).toBe('');
  });

  it('answers an unknown path with a 404 problem', async () => {
    const res = await fetch(`${gatewayUrl}/nothing/here?x=1`);

    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toEqual({
      type: 'https://cqrs.dev/problems/not_found',
      title: 'Not Found',
      status: 404,
      detail: 'No route matches /nothing/here.',
      instance: '/nothing/here',
    });
  });

  it('answers a known path with another method with a 405 problem and Allow', async () => {
    const res = await fetch(`${gatewayUrl}/customers/c1`, { method: 'DELETE' });

    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, PATCH');
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 405, instance: '/customers/c1' });
  });

  it('never exposes internal routes', async () => {
    const res = await fetch(`${gatewayUrl}/customers/c1/open-orders`, { method: 'POST' });

    expect(res.status).toBe(404);
  });

  it('answers 503 with Retry-After when the upstream is down', async () => {
    const res = await fetch(`${gatewayUrl}/subscriptions`, { method: 'POST', body: '{}' });

    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(await res.json()).toMatchObject({
      type: 'https://cqrs.dev/problems/unavailable',
      detail: 'customers-extevp is not reachable.',
    });
  });

  it('answers 503 for a route whose app is not running at all', async () => {
    const res = await fetch(`${gatewayUrl}/hooks/kyc`, { method: 'POST', body: '{}' });

    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ detail: 'customers-extevh is not running.' });
  });

  it('answers 504 when the upstream stays silent', async () => {
    const res = await fetch(`${gatewayUrl}/slow/1`);

    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ type: 'https://cqrs.dev/problems/gateway_timeout' });
  });

  it('serves its own liveness and readiness', async () => {
    const live = await fetch(`${gatewayUrl}/livez`);
    const ready = await fetch(`${gatewayUrl}/readyz`);

    expect([live.status, ready.status]).toEqual([200, 200]);
    expect(await ready.json()).toEqual({ status: 'ok' });
  });

  it('logs one line per request, and upstream failures as warnings', async () => {
    await fetch(`${gatewayUrl}/customers?secret=1`, { headers: { 'x-request-id': 'log-1' } });
    await fetch(`${gatewayUrl}/subscriptions`, {
      method: 'POST',
      headers: { 'x-request-id': 'log-2' },
    });

    expect(logged.find((l) => l.fields.requestId === 'log-1')).toEqual({
      level: 'info',
      fields: { requestId: 'log-1', ms: expect.any(Number) as unknown },
      msg: 'GET /customers -> customers-qryh 200',
    });
    expect(logged.find((l) => l.fields.requestId === 'log-2')).toMatchObject({
      level: 'warn',
      msg: expect.stringMatching(
        /^POST \/subscriptions -> customers-extevp 503: connect ECONNREFUSED/,
      ) as unknown,
    });
  });

  it('aborts the upstream request when the client goes away', async () => {
    const patient = createGateway({ routes, upstreams: { 'customers-qryh': qryhUrl } });
    const patientUrl = await listen(patient);
    const client = new AbortController();
    const pending = fetch(`${patientUrl}/slow/abandoned`, { signal: client.signal });
    await waitFor(() => qryhRequests.includes('/slow/abandoned'));

    client.abort();

    await expect(pending).rejects.toThrow();
    await waitFor(() => closedSlowRequests.includes('/slow/abandoned'));
    await close(patient);
  });
});
