import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@cqrs/framework-core';
import type { FakeCmdh } from './testing/fake-cmdh';
import { startFakeCmdh } from './testing/fake-cmdh';
import type { CommandClient, OutgoingCommand } from './command-client';
import { createCommandClient } from './command-client';

const logger = createLogger({ name: 'test', level: 'silent' });

const command: OutgoingCommand = {
  method: 'PUT',
  path: '/internal/standings/c-1',
  body: { status: 'blocked', note: 'ünïcödé' },
  idempotencyKey: '6f1c0b0e-0d5c-5a55-9e1f-1d6b8c7a1a11',
  correlationId: 'corr-1',
  requestId: 'c-1:3',
};

describe('createCommandClient', () => {
  let cmdh: FakeCmdh;
  let client: CommandClient;
  let tokens = 0;

  beforeEach(async () => {
    cmdh = await startFakeCmdh();
    client = createCommandClient({
      baseUrl: cmdh.url,
      token: () => `service-token-${++tokens}`,
      timeoutMs: 2_000,
      logger,
    });
  });
  afterEach(async () => {
    client.close();
    await cmdh.close();
  });

  it('sends the command as JSON with the service token and the ids of the event', async () => {
    const answer = await client.send(command);

    expect(answer).toEqual({ outcome: 'applied', status: 200 });
    expect(cmdh.requests).toHaveLength(1);
    const [request] = cmdh.requests;
    expect(request).toMatchObject({
      method: 'PUT',
      path: '/internal/standings/c-1',
      body: command.body,
    });
    expect(request?.headers).toMatchObject({
      authorization: `Bearer service-token-${tokens}`,
      'idempotency-key': command.idempotencyKey,
      'x-correlation-id': 'corr-1',
      'x-request-id': 'c-1:3',
      'content-type': 'application/json',
    });
  });

  it('asks for a fresh token on every request', async () => {
    await client.send(command);
    await client.send(command);

    const authorizations = cmdh.requests.map((r) => r.headers.authorization);
    expect(new Set(authorizations).size).toBe(2);
  });

  it('sends a command without body with an empty, untyped body', async () => {
    await client.send({ ...command, method: 'POST', body: undefined });

    expect(cmdh.requests[0]?.body).toBeUndefined();
    expect(cmdh.requests[0]?.headers['content-length']).toBe('0');
    expect(cmdh.requests[0]?.headers['content-type']).toBeUndefined();
  });

  it('keeps the connection alive between commands', async () => {
    const ports: number[] = [];
    const server = createServer((req, res) => {
      ports.push(req.socket.remotePort ?? -1);
      req.resume().on('end', () => res.end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const kept = createCommandClient({
      baseUrl: `http://127.0.0.1:${port}`,
      token: () => 't',
      logger,
    });

    await kept.send(command);
    await kept.send(command);
    kept.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));

    expect(ports).toHaveLength(2);
    expect(ports[1]).toBe(ports[0]);
  });

  it('keeps a path prefix of the base URL', async () => {
    const prefixed = createCommandClient({ baseUrl: `${cmdh.url}/api/`, token: () => 't', logger });

    await prefixed.send(command);
    prefixed.close();

    expect(cmdh.requests[0]?.path).toBe('/api/internal/standings/c-1');
  });

  it('reports a refusal with the reason of the problem details', async () => {
    cmdh.answer({ status: 422, body: { status: 422, reason: 'not_active', detail: 'Not active' } });

    const answer = await client.send(command);

    expect(answer).toEqual({
      outcome: 'refused',
      status: 422,
      reason: 'not_active',
      detail: 'Not active',
    });
  });

  it('reports an overloaded target as transient, with its Retry-After', async () => {
    cmdh.answer({ status: 503, headers: { 'retry-after': '2' } });

    const answer = await client.send(command);

    expect(answer).toMatchObject({ outcome: 'transient', status: 503, retryAfterMs: 2_000 });
  });

  it('reports a target that is down as transient', async () => {
    await cmdh.down();

    const answer = await client.send(command);

    expect(answer).toMatchObject({
      outcome: 'transient',
      detail: expect.stringMatching(/ECONNREFUSED/) as string,
    });
    expect(answer).not.toHaveProperty('status');
  });

  it('gives up on a target that does not answer in time', async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as AddressInfo;
    const impatient = createCommandClient({
      baseUrl: `http://127.0.0.1:${port}`,
      token: () => 't',
      timeoutMs: 200,
      logger,
    });

    const answer = await impatient.send(command);
    impatient.close();
    hanging.closeAllConnections();
    await new Promise<void>((resolve) => hanging.close(() => resolve()));

    expect(answer).toEqual({ outcome: 'transient', detail: 'no answer within 200 ms' });
  });

  it('cancels a request when asked to (shutdown)', async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as AddressInfo;
    const waiting = createCommandClient({
      baseUrl: `http://127.0.0.1:${port}`,
      token: () => 't',
      logger,
    });
    const stop = new AbortController();

    const answer = waiting.send(command, stop.signal);
    stop.abort();

    await expect(answer).resolves.toEqual({ outcome: 'transient', detail: 'cancelled' });
    waiting.close();
    hanging.closeAllConnections();
    await new Promise<void>((resolve) => hanging.close(() => resolve()));
  });

  it('reports a failing token source as transient, sending nothing', async () => {
    const tokenless = createCommandClient({
      baseUrl: cmdh.url,
      token: () => Promise.reject(new Error('issuer down')),
      logger,
    });

    const answer = await tokenless.send(command);
    tokenless.close();

    expect(answer).toEqual({ outcome: 'transient', detail: 'no service token available' });
    expect(cmdh.requests).toHaveLength(0);
  });
});
