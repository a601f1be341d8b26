import http from 'node:http';
import https from 'node:https';

export interface HttpOptions {
  /** PEM bundle to trust (the API server's self-signed certificate). */
  readonly ca?: string;
  readonly token?: string;
  /**
   * Skip certificate checks: only for the health endpoints of the controller manager and the
   * scheduler, which serve in-memory self-signed certificates on loopback.
   */
  readonly insecure?: boolean;
  readonly method?: string;
  readonly body?: unknown;
  readonly timeoutMs?: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

/** A minimal HTTP(S) client for health checks and the few API calls start-up needs. */
export function request(url: string, options: HttpOptions = {}): Promise<HttpResponse> {
  const target = new URL(url);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: options.method ?? 'GET',
        headers,
        timeout: options.timeoutMs ?? 5_000,
        ...(target.protocol === 'https:'
          ? { ca: options.ca, rejectUnauthorized: !options.insecure }
          : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${options.method ?? 'GET'} ${url}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** True when `url` answers 200. */
export async function answers200(url: string, options: HttpOptions = {}): Promise<boolean> {
  return (await request(url, options)).status === 200;
}
