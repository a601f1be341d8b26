import { randomUUID } from 'node:crypto';
import { signToken } from '@cqrs/framework-core';
import type { RunningSystem } from '@cqrs/tools-dev';
import { startSystem } from '@cqrs/tools-dev';

/** The whole system as an end-to-end suite drives it. */
export interface E2eSystem extends RunningSystem {
  /** A bearer token the apps accept, for `sub` with `roles`. */
  readonly token: (sub: string, roles?: string[]) => Promise<string>;
  /** The base URL of app `name` (e.g. `customers-cmdh`), for routes the gateway does not expose. */
  readonly appUrl: (name: string) => string;
  /**
   * Sends a request with `auth` and a fresh Idempotency-Key through the gateway (or to `base`),
   * with `body` as JSON when there is one.
   */
  readonly call: (
    method: string,
    path: string,
    auth: string,
    body?: unknown,
    base?: string,
  ) => Promise<Response>;
  /** GET `path` through the gateway with `auth`: the JSON body when 200, `undefined` otherwise. */
  readonly read: <T>(path: string, auth: string) => Promise<T | undefined>;
}

/**
 * A system that runs elsewhere (the local cluster's pods, see tools/cluster), described by the
 * environment: `E2E_GATEWAY_URL`, `E2E_JWT_SECRET`, `E2E_KAFKA_BROKERS`, `E2E_MONGO_URL` and
 * `E2E_APP_URLS` (`name=url,...`, forwarded ports of the apps whose internal routes a suite
 * calls). Nothing is started or stopped.
 */
function attachedSystem(env: NodeJS.ProcessEnv): RunningSystem | undefined {
  const gatewayUrl = env.E2E_GATEWAY_URL;
  if (!gatewayUrl) return undefined;
  const required = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`E2E_GATEWAY_URL is set, so ${name} must be too`);
    return value;
  };
  const apps = (env.E2E_APP_URLS ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const [name = '', url = ''] = pair.split('=');
      return { name, url };
    });
  return {
    gatewayUrl,
    apps,
    jwtSecret: required('E2E_JWT_SECRET'),
    mongoUrl: env.E2E_MONGO_URL ?? '',
    kafkaBrokers: required('E2E_KAFKA_BROKERS'),
    stop: () => Promise.resolve(),
  };
}

/** Starts every app behind the gateway on free ports, its output kept for a failing test. */
function startLocalSystem(): Promise<RunningSystem> {
  const lines: string[] = [];
  return startSystem({
    log: (line) => lines.push(line),
    gatewayPort: 0,
    // App output is kept for a failing test's report rather than interleaved with Jest's.
    output: (line) => {
      lines.push(line);
      if (lines.length > 2000) lines.splice(0, 1000);
    },
    color: false,
  });
}

/** How long a suite waits for any one answer; every route answers well within it. */
const answerTimeoutMs = 60_000;

/** `fetch`, failing with the request named when no answer comes within answerTimeoutMs. */
async function answer(method: string, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, method, signal: AbortSignal.timeout(answerTimeoutMs) });
  } catch (error) {
    throw new Error(`${method} ${url}: no answer (${String(error)})`, { cause: error });
  }
}

/**
 * The whole system for an end-to-end suite: every app behind the gateway, on free ports; or,
 * when `E2E_GATEWAY_URL` is set, the system already running there (see attachedSystem).
 */
export async function startE2eSystem(): Promise<E2eSystem> {
  const system = attachedSystem(process.env) ?? (await startLocalSystem());
  const appUrl = (name: string) => {
    const app = system.apps.find((candidate) => candidate.name === name);
    if (!app) throw new Error(`no app ${name} in the system`);
    return app.url;
  };
  return {
    ...system,
    token: (sub, roles = []) =>
      signToken({ sub, roles, secret: system.jwtSecret, expiresIn: '10m' }),
    appUrl,
    call: (method, path, auth, body, base = system.gatewayUrl) =>
      answer(method, `${base}${path}`, {
        headers: {
          authorization: auth,
          'idempotency-key': randomUUID(),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    read: async <T>(path: string, auth: string) => {
      const response = await answer('GET', `${system.gatewayUrl}${path}`, {
        headers: { authorization: auth },
      });
      return response.status === 200 ? ((await response.json()) as T) : undefined;
    },
  };
}
