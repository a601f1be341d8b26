import type { RunningSystem } from '@cqrs/tools-dev';
import { startSystem } from '@cqrs/tools-dev';
import { signToken } from '@cqrs/framework-core';

/** The whole system for an end-to-end suite: every app behind the gateway, on free ports. */
export async function startE2eSystem(): Promise<
  RunningSystem & { token(sub: string, roles?: string[]): Promise<string> }
> {
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
  return {
    ...system,
    token: (sub, roles = []) =>
      signToken({ sub, roles, secret: system.jwtSecret, expiresIn: '10m' }),
  };
}
