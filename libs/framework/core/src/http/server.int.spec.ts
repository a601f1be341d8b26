import { z } from 'zod';
import { createLogger } from '../logging/logger';
import { createMetrics } from '../metrics/metrics';
import { createHttpApp } from './create-app';
import { defineRoute } from './route';
import { bindRoute } from './route-handler';
import { startHttpServer, type RunningServer } from './server';

const slow = defineRoute({
  service: 'things',
  app: 'cmdh',
  exposure: 'internal',
  method: 'get',
  path: '/slow',
  operationId: 'slow',
  summary: 'Answers when released',
  tags: [],
  auth: 'none',
  responses: { 200: { description: 'Done', body: z.object({ done: z.boolean() }) } },
});

describe('startHttpServer', () => {
  const logger = createLogger({ name: 'server-test', level: 'silent' });
  let release: () => void = () => undefined;
  let entered: Promise<void>;
  let running: RunningServer;

  beforeEach(async () => {
    let enter: () => void = () => undefined;
    entered = new Promise((resolve) => (enter = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const app = createHttpApp({
      logger,
      metrics: createMetrics('server-test'),
      routes: [
        bindRoute(slow, async () => {
          enter();
          await released;
          return { status: 200, body: { done: true } };
        }),
      ],
    });
    running = await startHttpServer(app, { host: '127.0.0.1', port: 0, logger });
  });

  afterEach(async () => {
    release();
    await running.close();
  });

  it('listens on a free port and keeps idle connections longer than load balancers do', async () => {
    const response = await fetch(`${running.url}/livez`);

    expect(running.port).toBeGreaterThan(0);
    expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
    expect(response.status).toBe(200);
    expect(running.server.keepAliveTimeout).toBe(65_000);
    expect(running.server.headersTimeout).toBeGreaterThan(running.server.keepAliveTimeout);
  });

  it('on close, refuses new connections but finishes the request in flight', async () => {
    await fetch(`${running.url}/livez`); // leaves an idle keep-alive connection behind
    const inFlight = fetch(`${running.url}/slow`);
    await entered;

    let closed = false;
    const closing = running.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(closed).toBe(false);
    await expect(fetch(`${running.url}/livez`)).rejects.toThrow();
    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.headers.get('connection')).toBe('close');
    await expect(response.json()).resolves.toEqual({ done: true });
    await closing;
    expect(closed).toBe(true);
  });
});
