import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A partner's endpoint on this machine: answers 204 to every webhook and remembers subjects. */
export interface WebhookReceiver {
  readonly url: string;
  /** Whether a webhook whose CloudEvent `subject` is `subject` arrived. */
  received(subject: string): boolean;
  /** Webhooks received, redeliveries included. */
  readonly count: () => number;
  close(): Promise<void>;
}

/**
 * Subscribes `url` to every event of both services through the gateway, as a partner with
 * bearer `auth` (role `integrations`) would; `name` makes the calls idempotent.
 */
export async function subscribeToAll(gatewayUrl: string, auth: string, url: string, name: string) {
  for (const service of ['customers', 'orders']) {
    const created = await fetch(`${gatewayUrl}/${service}/webhooks/subscriptions`, {
      method: 'POST',
      headers: {
        authorization: auth,
        'content-type': 'application/json',
        'idempotency-key': `${name}-subscription-${service}`,
      },
      body: JSON.stringify({ url, description: `${name} receiver` }),
    });
    if (created.status !== 201) {
      throw new Error(`subscribing to ${service}: ${created.status} ${await created.text()}`);
    }
  }
}

/** Starts a {@link WebhookReceiver} on a free loopback port. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const subjects = new Set<string>();
  let count = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      count++;
      try {
        const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { subject?: unknown };
        if (typeof event.subject === 'string') subjects.add(event.subject);
      } catch {
        // a webhook that is not JSON is still answered; the reconciliation judges deliveries
      }
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received: (subject) => subjects.has(subject),
    count: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
