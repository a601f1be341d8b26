import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/actor';
import { testToken } from './test-token';

/** An HTTP answer: status, headers and the parsed JSON body (`undefined` when there is none). */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  /** The Idempotency-Key sent, if any. */
  readonly key: string | undefined;
}

/** How one test request is sent; `A` names the test's actors. */
export interface CallOptions<A extends string = string> {
  /** Who calls (default: the caller's default actor); `null` sends no Authorization header. */
  readonly as?: A | null;
  /** The Idempotency-Key; a fresh one by default; `null` sends none. */
  readonly key?: string | null;
  readonly ifMatch?: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Sends one request as a test actor and reads the whole answer. */
export type Call<A extends string> = (
  method: string,
  path: string,
  options?: CallOptions<A>,
) => Promise<Reply>;

/**
 * Calls an app over real HTTP as one of `actors` (bearer tokens the test apps accept), with a
 * fresh Idempotency-Key per request unless told otherwise. `baseUrl` may be a function, for a
 * caller declared before the app is started.
 */
export function testCaller<A extends string>(
  baseUrl: string | (() => string),
  actors: Readonly<Record<A, Actor>>,
  defaultActor: NoInfer<A>,
): Call<A> {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    const as = options.as === undefined ? defaultActor : options.as;
    if (as !== null) headers.authorization = `Bearer ${await testToken(actors[as])}`;
    const key = options.key === undefined ? randomUUID() : (options.key ?? undefined);
    if (key !== undefined) headers['idempotency-key'] = key;
    if (options.ifMatch !== undefined) headers['if-match'] = options.ifMatch;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const base = typeof baseUrl === 'function' ? baseUrl() : baseUrl;
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    return { status: response.status, headers: response.headers, body, key };
  };
}

/**
 * `POST <path(id)>` as a function of the id, for the commands of a test client: `defaults`
 * (who calls, the body) apply unless the options of a call say otherwise.
 */
export const postTo =
  <A extends string>(call: Call<A>, path: (id: string) => string, defaults: CallOptions<A> = {}) =>
  (id: string, options: CallOptions<A> = {}): Promise<Reply> =>
    call('POST', path(id), { ...defaults, ...options });
