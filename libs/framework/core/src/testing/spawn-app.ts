import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { untilReady } from './app-probes';

// libs/framework/core/src/testing -> the repository root, where apps run from.
const root = path.resolve(__dirname, '../../../../..');

/** An app of this repository running as a process of its own. */
export interface SpawnedApp {
  readonly url: string;
  readonly port: number;
  /** Until `/readyz` answers 200; fails at once if the process exits. */
  readonly ready: () => Promise<void>;
  /** SIGTERM, then until the process exited (a graceful shutdown). */
  readonly stop: () => Promise<void>;
  /** SIGKILL, then until the process exited: no chance to clean up. */
  readonly kill: () => Promise<void>;
  /** Starts it again (same environment, same port) after `stop` or `kill`, until it is ready. */
  readonly restart: () => Promise<void>;
}

/**
 * Runs the app whose entry point is `main` (relative to the repository root, e.g.
 * `apps/customers/cmdh/src/main.ts`) as its own process with `env` on top of this one's.
 * `env.PORT` must be a fixed port (see `freePort`), so the app can be found and restarted.
 */
export function spawnApp(main: string, env: Readonly<Record<string, string>>): SpawnedApp {
  const port = Number(env.PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`spawnApp needs a fixed PORT`);
  const url = `http://127.0.0.1:${port}`;
  const start = (): ChildProcess =>
    spawn(process.execPath, ['--import', 'tsx', main], {
      cwd: root,
      env: { ...process.env, ...env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.base.json') },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  let child = start();

  const ready = () =>
    untilReady(
      { url },
      {
        timeoutMs: 90_000,
        alive: () => {
          if (child.exitCode !== null) throw new Error(`${main} exited with ${child.exitCode}`);
        },
      },
    );
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(name);
    await exited;
  };
  const stop = () => signal('SIGTERM');
  return {
    url,
    port,
    ready,
    stop,
    kill: () => signal('SIGKILL'),
    restart: async () => {
      await stop();
      child = start();
      await ready();
    },
  };
}
