import { request } from 'node:http';
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { startTestApp, TEST_JWT_SECRET, testToken, type TestApp } from '../testing';
import { createAuthenticator } from '../auth/authenticator';
import { AppError } from '../errors/app-error';
import { createLogger } from '../logging/logger';
import { createMetrics } from '../metrics/metrics';
import { createHttpApp } from './create-app';
import { defineRoute } from './route';
import { bindRoute } from './route-handler';

const thing = z.object({ id: z.string(), name: z.string(), size: z.number().int() });

const getThing = defineRoute({
  service: 'things',
  app: 'qryh',
  exposure: 'public',
  method: 'get',
  path: '/things/{id}',
  operationId: 'getThing',
  summary: 'Read a thing',
  tags: ['things'],
  auth: 'bearer',
  roles: ['reader'],
  params: z.object({ id: z.string().regex(/^t-\d+$/) }),
  query: z.object({ verbose: z.stringbool().default(false) }),
  responses: { 200: { description: 'The thing', body: thing, headers: { ETag: 'Version' } } },
});

const createThing = defineRoute({
  service: 'things',
  app: 'cmdh',
  exposure: 'public',
  method: 'post',
  path: '/things',
  operationId: 'createThing',
  summary: 'Create a thing',
  tags: ['things'],
  auth: 'none',
  headers: z.object({ 'idempotency-key': z.uuid().optional() }),
  body: z.strictObject({ name: z.string().min(1), size: z.number().int() }),
  responses: { 201: { description: 'Created', body: thing } },
});

const deleteThing = defineRoute({
  service: 'things',
  app: 'cmdh',
  exposure: 'public',
  method: 'delete',
  path: '/things/{id}',
  operationId: 'deleteThing',
  summary: 'Delete a thing',
  tags: ['things'],
  auth: 'none',
  params: z.object({ id: z.string() }),
  responses: { 204: { description: 'Deleted' }, 422: { description: 'Refused' } },
});

// A signed body: the handler must see the exact bytes, and nothing may parse them first.
const receiveSigned = defineRoute({
  service: 'things',
  app: 'extevh',
  exposure: 'public',
  method: 'post',
  path: '/hooks/things',
  operationId: 'receiveSignedThing',
  summary: 'Receive a signed thing',
  tags: ['things'],
  auth: 'none',
  rawBody: true,
  body: z.strictObject({ name: z.string() }),
  responses: { 200: { description: 'Received', body: z.object({ bytes: z.string() }) } },
});

/** A logger writing JSON lines into an array the tests can read. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    }
  });
  return { lines, logger: createLogger({ name: 'things', level: 'debug', destination: stream }) };
}

describe('createHttpApp', () => {
  const { lines, logger } = capturedLogger();
  let ready = false;
  let stopping = false;
  let server: TestApp;
  const call = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
  const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    call(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    const app = createHttpApp({
      logger,
      metrics: createMetrics('things-test'),
      authenticator: createAuthenticator({ hs256Secret: TEST_JWT_SECRET }),
      bodyLimit: '1kb',
      readiness: () => Promise.resolve({ ready, checks: { mongo: ready } }),
      isStopping: () => stopping,
      // As a database layer does: its transient failures become 503 unavailable.
      translateError: (error) =>
        (error as { transient?: boolean }).transient
          ? new AppError('unavailable', 'The database is unavailable.', {
              retriable: true,
              cause: error,
            })
          : error,
      routes: [
        bindRoute(getThing, ({ params, query, actor }) =>
          Promise.resolve({
            status: 200,
            headers: { ETag: '"3"' },
            body: { id: params.id, name: `${actor.sub}:${query.verbose}`, size: 1 },
          }),
        ),
        bindRoute(createThing, async ({ body, headers, log }) => {
          // Log after an await: the request ids must survive the body parser and the await.
          await new Promise((resolve) => setTimeout(resolve, 1));
          log.info({ key: headers['idempotency-key'] }, 'creating thing');
          return { status: 201, body: { id: 't-1', ...body } };
        }),
        bindRoute(receiveSigned, ({ rawBody, body }) => {
          if (rawBody.toString() === '"unsigned"') {
            throw new AppError('unauthenticated', 'The signature is not valid.');
          }
          return Promise.resolve({
            status: 200,
            body: { bytes: `${rawBody.toString('base64')}|${body === undefined}` },
          });
        }),
        bindRoute(deleteThing, ({ params }) => {
          if (params.id === 'crash') throw new Error('db password=hunter2 leaked');
          if (params.id === 'db-down')
            throw Object.assign(new Error('socket closed'), { transient: true });
          throw new AppError('rule_violated', 'The thing is in use.', {
            details: { reason: 'in_use' },
          });
        }),
      ],
    });
    server = await startTestApp(app);
  });

  afterAll(() => server.close());

  describe('request ids', () => {
    it('echoes the caller’s request and correlation ids', async () => {
      const response = await call('/livez', {
        headers: { 'x-request-id': 'req-1', 'x-correlation-id': 'corr-1' },
      });

      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toBe('req-1');
      expect(response.headers.get('x-correlation-id')).toBe('corr-1');
    });

    it('makes a request id, and uses it as the correlation id, when none is given', async () => {
      const response = await call('/livez');

      const requestId = response.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers.get('x-correlation-id')).toBe(requestId);
      expect(response.headers.get('x-powered-by')).toBeNull();
    });

    it('carries the ids into the handler’s log lines and the access log', async () => {
      const key = crypto.randomUUID();

      const response = await postJson(
        '/things',
        { name: 'a', size: 2 },
        {
          'x-request-id': 'req-log',
          'idempotency-key': key,
        },
      );

      expect(response.status).toBe(201);
      expect(lines).toContainEqual(
        expect.objectContaining({
          msg: 'creating thing',
          key,
          requestId: 'req-log',
          operationId: 'createThing',
        }),
      );
      expect(lines).toContainEqual(
        expect.objectContaining({
          msg: 'request',
          requestId: 'req-log',
          method: 'POST',
          route: '/things',
          status: 201,
          ms: expect.any(Number) as unknown,
        }),
      );
    });
    it('keeps the ids when the body arrives after the headers', async () => {
      const body = JSON.stringify({ name: 'slow', size: 1 });
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const req = request(`${server.url}/things`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': 'req-slow-body' },
        });
        req.on('response', (res) => resolve(res.resume().statusCode)).on('error', reject);
        req.flushHeaders();
        setTimeout(() => req.end(body), 50);
      });

      expect(status).toBe(201);
      expect(lines).toContainEqual(
        expect.objectContaining({ msg: 'creating thing', requestId: 'req-slow-body' }),
      );
    });
  });

  describe('a bearer route with roles', () => {
    it('serves a caller with the role, with parsed params and query', async () => {
      const token = await testToken({ sub: 'ann', roles: ['reader'] });

      const response = await call('/things/t-7?verbose=yes', {
        headers: { authorization: `Bearer ${token}` },
      });

      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('"3"');
      await expect(response.json()).resolves.toEqual({ id: 't-7', name: 'ann:true', size: 1 });
    });

    it('answers 401 with WWW-Authenticate without a token', async () => {
      const response = await call('/things/t-7');

      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      await expect(response.json()).resolves.toMatchObject({
        type: 'https://cqrs.dev/problems/unauthenticated',
        status: 401,
        instance: '/things/t-7',
      });
    });

    it('answers 401 for a token signed with another secret', async () => {
      const response = await call('/things/t-7', {
        headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' },
      });

      expect(response.status).toBe(401);
    });

    it('answers 403 when the caller lacks the role', async () => {
      const token = await testToken({ sub: 'bob', roles: ['writer'] });

      const response = await call('/things/t-7', { headers: { authorization: `Bearer ${token}` } });

      expect(response.status).toBe(403);
      await expect(response.json()).resolves.toMatchObject({
        type: 'https://cqrs.dev/problems/forbidden',
      });
    });

    it('answers 400 naming the param and query field that are invalid', async () => {
      const token = await testToken({ sub: 'ann', roles: ['reader'] });

      const response = await call('/things/nope?verbose=perhaps', {
        headers: { authorization: `Bearer ${token}` },
      });

      expect(response.status).toBe(400);
      const problem = (await response.json()) as { errors: { path: string }[] };
      expect(problem.errors.map((e) => e.path)).toEqual(['params.id', 'query.verbose']);
    });
  });

  describe('a route with a body schema', () => {
    it('answers 400 with one error per invalid field', async () => {
      const response = await postJson(
        '/things',
        { name: '', size: 'big', colour: 'red' },
        {
          'idempotency-key': 'not-a-uuid',
        },
      );

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as { errors: { path: string; message: string }[] };
      expect(problem).toMatchObject({ type: 'https://cqrs.dev/problems/bad_request', status: 400 });
      expect(problem.errors.map((e) => e.path).sort()).toEqual([
        'body',
        'body.name',
        'body.size',
        'headers.idempotency-key',
      ]);
      expect(problem.errors.find((e) => e.path === 'body')?.message).toContain('colour');
    });

    it('answers 400 for malformed JSON without echoing it', async () => {
      const response = await postJson('/things', '{"name": "a", secret-stuff');

      expect(response.status).toBe(400);
      const problem = (await response.json()) as { detail: string };
      expect(problem.detail).toBe('The request body is not valid JSON.');
      expect(JSON.stringify(problem)).not.toContain('secret-stuff');
    });

    it('answers 400 for a missing body', async () => {
      const response = await call('/things', { method: 'POST' });

      expect(response.status).toBe(400);
    });

    it('answers 413 when the body exceeds the limit', async () => {
      const response = await postJson('/things', { name: 'x'.repeat(2048), size: 1 });

      expect(response.status).toBe(413);
      await expect(response.json()).resolves.toMatchObject({
        type: 'https://cqrs.dev/problems/payload_too_large',
      });
    });

    it('answers 415 for a body that is not JSON', async () => {
      const response = await call('/things', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'name=a',
      });

      expect(response.status).toBe(415);
      await expect(response.json()).resolves.toMatchObject({
        type: 'https://cqrs.dev/problems/unsupported_media_type',
      });
    });
  });

  describe('a route with a raw body', () => {
    const received = async (response: Response) => {
      expect(response.status).toBe(200);
      return ((await response.json()) as { bytes: string }).bytes;
    };

    it('hands the exact bytes to the handler, unparsed and unvalidated', async () => {
      const text = '{ "name" : "a",   "extra": true }';

      const bytes = await received(await postJson('/hooks/things', text));

      expect(bytes).toBe(`${Buffer.from(text).toString('base64')}|true`);
    });

    it('hands over even what is not valid JSON, so the handler decides', async () => {
      const bytes = await received(await postJson('/hooks/things', '{"name": '));

      expect(bytes).toBe(`${Buffer.from('{"name": ').toString('base64')}|true`);
    });

    it('hands over zero bytes when there is no body', async () => {
      const bytes = await received(await call('/hooks/things', { method: 'POST' }));

      expect(bytes).toBe('|true');
    });

    it('answers a 401 of its own without a bearer challenge (it takes no bearer token)', async () => {
      const response = await postJson('/hooks/things', '"unsigned"');

      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBeNull();
    });

    it('still answers 413 over the limit and 415 for a body that is not JSON', async () => {
      const big = await postJson('/hooks/things', { name: 'x'.repeat(2048) });
      const text = await call('/hooks/things', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'name=a',
      });

      expect([big.status, text.status]).toEqual([413, 415]);
    });
  });

  describe('errors raised by handlers', () => {
    it('turns an AppError into its problem, with details and the request id', async () => {
      const response = await call('/things/t-1', {
        method: 'DELETE',
        headers: { 'x-request-id': 'req-422' },
      });

      expect(response.status).toBe(422);
      await expect(response.json()).resolves.toEqual({
        type: 'https://cqrs.dev/problems/rule_violated',
        title: 'Unprocessable Entity',
        status: 422,
        detail: 'The thing is in use.',
        instance: '/things/t-1',
        reason: 'in_use',
        requestId: 'req-422',
      });
    });

    it('hides an unexpected error behind a generic 500 and logs it with its stack', async () => {
      const response = await call('/things/crash', { method: 'DELETE' });

      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).not.toContain('hunter2');
      expect(text).toContain('https://cqrs.dev/problems/internal');
      expect(lines).toContainEqual(
        expect.objectContaining({
          level: 'error',
          msg: 'request failed',
          err: expect.objectContaining({
            stack: expect.stringContaining('hunter2') as unknown,
          }) as unknown,
        }),
      );
    });
  });

  describe('errors of a dependency', () => {
    it('answers what the translation makes of them: 503 for a database that is down', async () => {
      const response = await call('/things/db-down', { method: 'DELETE' });

      expect(response.status).toBe(503);
      await expect(response.json()).resolves.toMatchObject({
        type: 'https://cqrs.dev/problems/unavailable',
        detail: 'The database is unavailable.',
      });
    });
  });

  describe('unknown paths and methods', () => {
    it('answers 404 with a problem for an unknown path', async () => {
      const response = await call('/nowhere');

      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      await expect(response.json()).resolves.toMatchObject({
        type: 'https://cqrs.dev/problems/not_found',
      });
    });

    it('answers 405 with Allow for a known path and another method', async () => {
      const response = await call('/things/t-1', { method: 'PUT' });

      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD, DELETE, OPTIONS');
      await expect(response.json()).resolves.toMatchObject({
        type: 'https://cqrs.dev/problems/method_not_allowed',
      });
    });

    it('answers OPTIONS on a known path with 204 and Allow', async () => {
      const response = await call('/things', { method: 'OPTIONS' });

      expect(response.status).toBe(204);
      expect(response.headers.get('allow')).toBe('POST, OPTIONS');
    });
  });

  describe('probes', () => {
    it('answers /readyz with 503 until the checks pass, and 503 again once stopping', async () => {
      ready = false;
      const before = await call('/readyz');
      ready = true;
      const after = await call('/readyz');
      stopping = true;
      const whileStopping = await call('/readyz');
      stopping = false;

      expect(before.status).toBe(503);
      await expect(before.json()).resolves.toMatchObject({
        ready: false,
        checks: { mongo: false },
      });
      expect(after.status).toBe(200);
      await expect(after.json()).resolves.toMatchObject({ ready: true, checks: { mongo: true } });
      expect(whileStopping.status).toBe(503);
    });

    it('exposes request metrics labelled by the route template, not the raw path', async () => {
      const token = await testToken({ sub: 'ann', roles: ['reader'] });
      await call('/things/t-42', { headers: { authorization: `Bearer ${token}` } });
      await call('/no/such/path/123');

      const response = await call('/metrics');
      const text = await response.text();

      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(text).toMatch(
        /http_requests_total\{method="GET",route="\/things\/\{id\}",status="200",service="things-test"\} \d+/,
      );
      expect(text).toContain('route="unmatched",status="404"');
      expect(text).not.toContain('t-42');
      expect(text).not.toContain('/no/such/path');
      expect(text).toMatch(
        /http_request_duration_seconds_count\{service="things-test",method="GET",route="\/things\/\{id\}"\} \d+/,
      );
    });
  });
});
