import type { RequestListener } from 'node:http';
import { createLogger } from '../logging/logger';
import { startHttpServer } from '../http/server';

/** A started test server: its base URL and how to stop it. */
export interface TestApp {
  readonly url: string;
  readonly close: () => Promise<void>;
}

/** Serves `app` on a free loopback port, for tests that call it over real HTTP. */
export async function startTestApp(app: RequestListener): Promise<TestApp> {
  const server = await startHttpServer(app, {
    host: '127.0.0.1',
    port: 0,
    logger: createLogger({ name: 'test-server', level: 'silent' }),
  });
  return { url: server.url, close: server.close };
}
