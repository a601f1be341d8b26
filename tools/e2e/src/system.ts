import { randomUUID } from 'node:crypto';
import type { RunningSystem } from '@cqrs/tools-dev';
import { startSystem } from '@cqrs/tools-dev';
import { signToken } from '@cqrs/framework-core';

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

/** The whole system for an end-to-end suite: every app behind the gateway, on free ports. */
export async function startE2eSystem(): Promise<E2eSystem> {
  const lines: string[] = [];
  const system = await startSystem({
    log: (line) => lines.push(line),
    gatewayPort: 0,
    // App output is kept for a failing test's report rather than interleaved with Jest's.
    output: (line) => {
      lines.push(line);
      if (lines.length > 2000) lines.splice(0, 1000);
    },
    color: false,
  });
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
      fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: auth,
          'idempotency-key': randomUUID(),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    read: async <T>(path: string, auth: string) => {
      const response = await fetch(`${system.gatewayUrl}${path}`, {
        headers: { authorization: auth },
      });
      return response.status === 200 ? ((await response.json()) as T) : undefined;
    },
  };
}
