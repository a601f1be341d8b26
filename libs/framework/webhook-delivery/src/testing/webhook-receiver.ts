import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request a receiver got, as it arrived. */
export interface ReceivedWebhook {
  readonly id: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly at: Date;
}

/** How a receiver answers its n-th request (1-based): a status, or `hang` (never answers). */
export type Answer =
  | {
      readonly status: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body?: string;
    }
  | 'hang';

export type ReceiverBehaviour = (requestNumber: number, request: ReceivedWebhook) => Answer;

/** Answers 200 to everything. */
export const healthy: ReceiverBehaviour = () => ({ status: 200, body: 'ok' });
/** Fails the first `times` requests with `status`, then answers 200. */
export const failingFirst =
  (times: number, status = 500, headers: Record<string, string> = {}): ReceiverBehaviour =>
  (n) =>
    n <= times ? { status, headers, body: `failure ${n}` } : { status: 200, body: 'ok' };
/** Never answers (until the receiver closes). */
export const hanging: ReceiverBehaviour = () => 'hang';

export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  /** Requests not answered yet (hanging). */
  readonly pending: () => number;
  /**
   * Whether every received request verifies with the `standardwebhooks` library under `secret`
   * (as a partner's receiver would check it); returns the ids that do not.
   */
  unverified(secret: string): string[];
  close(): Promise<void>;
}

/**
 * A partner's endpoint that records every request and answers per `behaviour`, on loopback, or
 * on `WEBHOOK_RECEIVER_HOST` when set (the pod bridge's host address when the apps run in the
 * local cluster's pods, which cannot reach the host's loopback). Verification uses the
 * `standardwebhooks` npm library, not our own code.
 */
export async function startWebhookReceiver(
  behaviour: ReceiverBehaviour = healthy,
  host = process.env.WEBHOOK_RECEIVER_HOST || '127.0.0.1',
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const hung = new Set<http.ServerResponse>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const header = (name: string) => {
        const value = request.headers[name];
        return typeof value === 'string' ? value : '';
      };
      const webhook: ReceivedWebhook = {
        id: header('webhook-id'),
        timestamp: header('webhook-timestamp'),
        signature: header('webhook-signature'),
        body: Buffer.concat(chunks).toString('utf8'),
        headers: Object.fromEntries(
          Object.entries(request.headers).flatMap(([k, v]) =>
            typeof v === 'string' ? [[k, v]] : [],
          ),
        ),
        at: new Date(),
      };
      received.push(webhook);
      const answer = behaviour(received.length, webhook);
      if (answer === 'hang') {
        hung.add(response);
        response.on('close', () => hung.delete(response));
        return;
      }
      response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      response.end(answer.body ?? '');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/hooks`,
    received,
    pending: () => hung.size,
    unverified(secret) {
      const webhook = new Webhook(secret);
      return received
        .filter((r) => {
          try {
            webhook.verify(r.body, {
              'webhook-id': r.id,
              'webhook-timestamp': r.timestamp,
              'webhook-signature': r.signature,
            });
            return false;
          } catch {
            return true;
          }
        })
        .map((r) => r.id);
    },
    async close() {
      for (const response of hung) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
