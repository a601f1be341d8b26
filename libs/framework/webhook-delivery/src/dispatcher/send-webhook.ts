import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedTarget } from '../ssrf/target-guard';

/** What one attempt got back; `error` instead of a status when no response arrived. */
export interface AttemptResponse {
  readonly statusCode?: number;
  /** Raw `Retry-After` header, if any. */
  readonly retryAfter?: string;
  /** The first bytes of the response body, as text. */
  readonly bodySnippet?: string;
  readonly error?: string;
  readonly latencyMs: number;
}

export interface WebhookSender {
  send(
    target: CheckedTarget,
    headers: Readonly<Record<string, string>>,
    body: string,
    timeoutMs: number,
  ): Promise<AttemptResponse>;
  close(): void;
}

/** A lookup that answers with the address the guard checked, whatever the host name. */
const pinnedLookup =
  (address: string, family: 4 | 6): LookupFunction =>
  (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };

/**
 * Sends webhooks over keep-alive connections. Each request connects to the address the SSRF
 * guard checked (a pinned lookup; TLS still verifies the certificate for the host name), never
 * follows redirects, and is abandoned after `timeoutMs` in total (connect + response + body).
 * Reads at most `snippetBytes` of the body for the attempt log and drains the rest, up to a
 * bound, so the connection can be reused.
 */
export function createWebhookSender(options: {
  readonly snippetBytes: number;
  readonly userAgent: string;
  readonly maxSockets?: number;
}): WebhookSender {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 256,
    scheduling: 'lifo' as const,
  };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  const drainLimit = 1024 * 1024;

  function send(
    target: CheckedTarget,
    headers: Readonly<Record<string, string>>,
    body: string,
    timeoutMs: number,
  ): Promise<AttemptResponse> {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    const secure = target.url.protocol === 'https:';
    return new Promise((resolve) => {
      let settled = false;
      const finish = (response: Omit<AttemptResponse, 'latencyMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...response, latencyMs: latency() });
      };
      const request = (secure ? https : http).request(target.url, {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        lookup: pinnedLookup(target.address, target.family),
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': options.userAgent,
        },
      });
      const timer = setTimeout(() => {
        request.destroy(new Error(`no complete answer within ${timeoutMs} ms`));
      }, timeoutMs);
      request.on('error', (error) => finish({ error: error.message }));
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        let seen = 0;
        response.on('data', (chunk: Buffer) => {
          seen += chunk.length;
          if (kept < options.snippetBytes) {
            const part = chunk.subarray(0, options.snippetBytes - kept);
            chunks.push(part);
            kept += part.length;
          }
          if (seen > drainLimit) response.destroy();
        });
        const done = () =>
          finish({
            statusCode: response.statusCode ?? 0,
            ...(typeof response.headers['retry-after'] === 'string'
              ? { retryAfter: response.headers['retry-after'] }
              : {}),
            bodySnippet: Buffer.concat(chunks).toString('utf8'),
          });
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      });
      request.end(body);
    });
  }

  return {
    send,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
