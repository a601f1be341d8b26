import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logging/logger';

export interface HttpServerOptions {
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly logger: Logger;
}

export interface RunningServer {
  /** Base URL to call, e.g. `http://127.0.0.1:8080` (a wildcard host becomes loopback). */
  readonly url: string;
  readonly port: number;
  /** The node server, for what this wrapper does not cover (e.g. upgrade handlers). */
  readonly server: Server;
  /** Stops accepting, closes idle keep-alive connections, waits for in-flight requests. */
  readonly close: () => Promise<void>;
}

// Longer than the idle timeout of common load balancers (AWS ALB: 60 s), so they, not we,
// close idle connections; otherwise a request can race our close and fail with a reset.
const keepAliveTimeout = 65_000;
const headersTimeout = keepAliveTimeout + 1_000;

/** Starts serving `app`; resolves once the port is bound. */
export async function startHttpServer(
  app: RequestListener,
  options: HttpServerOptions,
): Promise<RunningServer> {
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  const server = createServer((req, res) => {
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      // A keep-alive connection becomes idle once its response is done; do not keep it open.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    if (closing) res.setHeader('Connection', 'close');
    app(req, res);
  });
  server.keepAliveTimeout = keepAliveTimeout;
  server.headersTimeout = headersTimeout;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${urlHost(options.host)}:${port}`;
  options.logger.info({ url }, 'http server listening');
  // Idempotent: the lifecycle and a test's cleanup may both close the server.
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= new Promise<void>((resolve, reject) => {
      closing = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      server.close((error) => (error === undefined ? resolve() : reject(error)));
      server.closeIdleConnections();
      options.logger.info({ inFlight: inFlight.size }, 'http server closing');
    }));
  return { url, port, server, close };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
