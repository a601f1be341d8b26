import http from 'node:http';

/**
 * GETs a URL on a fresh connection and resolves with the status, or with the error message when
 * nothing answered within `timeoutMs`. Never rejects: a probe failing is an answer.
 */
export function httpProbe(url: string, timeoutMs = 1_000): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, headers: { connection: 'close' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.once('error', (error) => resolve(error.message));
  });
}
