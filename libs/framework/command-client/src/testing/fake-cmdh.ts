import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the stand-in received, body parsed as JSON when there was one. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

/** What the stand-in answers. */
export interface CannedAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A real HTTP server standing in for a `cmdh`: records requests, answers what it is told. */
export interface FakeCmdh {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Sets the answer for the requests from now on (200 `{}` at first). */
  answer(answer: CannedAnswer | ((request: RecordedRequest) => CannedAnswer)): void;
  /** Stops listening and drops every open connection: the target is down. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a stand-in `cmdh` on a free loopback port. */
export async function startFakeCmdh(): Promise<FakeCmdh> {
  const requests: RecordedRequest[] = [];
  let respond: (request: RecordedRequest) => CannedAnswer = () => ({ status: 200, body: {} });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: text.length === 0 ? undefined : (JSON.parse(text) as unknown),
      };
      requests.push(recorded);
      const answer = respond(recorded);
      const json = answer.status >= 400 ? 'application/problem+json' : 'application/json';
      res.writeHead(answer.status, { 'content-type': json, ...answer.headers });
      res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
    });
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  await listen(0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer: (answer) => {
      respond = typeof answer === 'function' ? answer : () => answer;
    },
    down: close,
    up: () => listen(port),
    close: () => (server.listening ? close() : Promise.resolve()),
  };
}
