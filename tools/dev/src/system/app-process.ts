import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DevApp } from '@cqrs/tools-workspace';
import { LineSplitter } from '../logs/line-splitter';
import type { PrefixedOutput } from '../logs/prefixed-output';
import { httpProbe } from './http-probe';

/** How an app process ended. */
export interface AppExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  readonly error?: Error;
}

/** `exit code 1`, `signal SIGKILL` or the spawn error. */
export const describeExit = (exit: AppExit): string =>
  exit.error !== undefined
    ? `could not start: ${exit.error.message}`
    : exit.code !== null
      ? `exit code ${exit.code}`
      : `signal ${exit.signal ?? 'unknown'}`;

/** How to run an app other than from its sources: e.g. its bundle, as the image runs it. */
export interface AppCommand {
  /** Arguments to the runner's own `node`, e.g. `['--max-semi-space-size=2', 'dist/main.js']`. */
  readonly args: readonly string[];
  /** The working directory. */
  readonly cwd: string;
  /** Variables added to the app's environment (e.g. `NODE_OPTIONS`). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface SpawnAppOptions {
  readonly app: DevApp;
  /** The repository root: the working directory, where `tsx` and `tsconfig.base.json` are. */
  readonly root: string;
  readonly env: Readonly<Record<string, string>>;
  /** Runs this instead of the app's sources under tsx. */
  readonly command?: AppCommand;
  /** Where the app's stdout and stderr lines go. */
  readonly output: PrefixedOutput;
  /** Called when the app ends after it was ready and before `stop` was asked for. */
  readonly onUnexpectedExit: (exit: AppExit) => void;
}

// Process groups still running; killed if the runner itself exits without stopping them.
const running = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pid of running) killGroup(pid, 'SIGKILL');
  });
}

/**
 * One app running as a child process in the repository root. It runs as
 * `node_modules/.bin/tsx --tsconfig tsconfig.base.json apps/<service>/<role>/src/main.ts` would
 * run it, but as one process (`node --import tsx` with `TSX_TSCONFIG_PATH`) on the runner's own
 * Node: the tsx launcher would add a parent that relays signals and kills an app that is slow to
 * acknowledge SIGTERM, cutting its graceful shutdown short. The app gets a process group of its
 * own, so a Ctrl-C in the terminal reaches the runner only, which then stops the apps in order.
 */
export class AppProcess {
  /** Resolves once the process ended and its output was read to the end. */
  readonly exited: Promise<AppExit>;
  private exitState: AppExit | undefined;
  private ready = false;
  private stopping = false;
  private readonly child: ChildProcess;

  private constructor(private readonly options: SpawnAppOptions) {
    const { app, root, env, output, command } = options;
    const run = command ?? {
      args: ['--import', 'tsx', path.relative(root, app.entry)],
      cwd: root,
      env: { TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.base.json') },
    };
    this.child = spawn(process.execPath, run.args, {
      cwd: run.cwd,
      env: { ...env, ...run.env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = this.child.pid;
    if (pid !== undefined) {
      running.add(pid);
      installExitHook();
    }
    for (const stream of [this.child.stdout, this.child.stderr]) {
      const splitter = new LineSplitter((line) => output.line(line));
      stream?.on('data', (chunk: Buffer) => splitter.write(chunk));
      stream?.on('end', () => splitter.end());
    }
    this.exited = new Promise<AppExit>((resolve) => {
      this.child.once('error', (error) => {
        // Only a failed spawn emits 'error' without 'close'; later errors are followed by it.
        if (this.child.pid === undefined) this.ended({ code: null, signal: null, error }, resolve);
      });
      this.child.once('close', (code, signal) => this.ended({ code, signal }, resolve));
    });
  }

  /** Starts the app; its output flows to `options.output` from the first line. */
  static spawn(options: SpawnAppOptions): AppProcess {
    return new AppProcess(options);
  }

  get name(): string {
    return this.options.app.name;
  }

  /** Its process id (the leader of its process group); undefined when it could not start. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** How it ended, once it has. */
  get exit(): AppExit | undefined {
    return this.exitState;
  }

  /** The last lines of its output, indented, for error messages. */
  describeTail(): string {
    return this.options.output.tail.describe();
  }

  private ended(exit: AppExit, resolve: (exit: AppExit) => void): void {
    if (this.exitState !== undefined) return;
    this.exitState = exit;
    if (this.child.pid !== undefined) {
      // Whatever the app itself started goes with it.
      killGroup(this.child.pid, 'SIGKILL');
      running.delete(this.child.pid);
    }
    if (this.ready && !this.stopping) this.options.onUnexpectedExit(exit);
    resolve(exit);
  }

  /**
   * Polls `GET <url>/readyz` until it answers 200.
   *
   * @throws Error naming the app, what happened and the tail of its output, when it exits
   *   first or is not ready within `timeoutMs`; the signal's reason when aborted.
   */
  async waitReady(url: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last: number | string = 'not asked yet';
    for (;;) {
      signal?.throwIfAborted();
      if (this.exitState !== undefined) {
        throw new Error(
          `${this.name} exited during start-up (${describeExit(this.exitState)}); last output:\n${this.describeTail()}`,
        );
      }
      last = await httpProbe(`${url}/readyz`);
      if (last === 200) {
        this.ready = true;
        return;
      }
      if (Date.now() >= deadline) {
        throw new Error(
          `${this.name} did not become ready within ${Math.round(timeoutMs / 1000)} s ` +
            `(GET ${url}/readyz: ${typeof last === 'number' ? `status ${last}` : last}); ` +
            `last output:\n${this.describeTail()}`,
        );
      }
      // Often enough that the time to ready is measured to a few tens of milliseconds.
      await Promise.race([sleep(25), this.exited]);
    }
  }

  /**
   * Sends `signal` to the app's process group at once, as a fault would (SIGKILL: no graceful
   * shutdown at all), and waits until it has ended. The end is expected: it is not reported as
   * unexpected.
   */
  async kill(signal: NodeJS.Signals): Promise<AppExit> {
    this.stopping = true;
    if (this.exitState === undefined && this.child.pid !== undefined) {
      killGroup(this.child.pid, signal);
    }
    return this.exited;
  }

  /**
   * Asks the app to stop with SIGTERM and waits; after `graceMs` kills its process group.
   * Resolves with how it ended and whether it had to be killed.
   */
  async stop(graceMs: number): Promise<AppExit & { readonly killed: boolean }> {
    this.stopping = true;
    const pid = this.child.pid;
    if (this.exitState !== undefined || pid === undefined) {
      return { ...(this.exitState ?? (await this.exited)), killed: false };
    }
    this.child.kill('SIGTERM');
    const cancel = new AbortController();
    const timer = sleep(graceMs, 'timeout' as const, { signal: cancel.signal }).catch(
      () => 'cancelled' as const,
    );
    const first = await Promise.race([this.exited, timer]);
    cancel.abort();
    if (typeof first !== 'string') return { ...first, killed: false };
    killGroup(pid, 'SIGKILL');
    return { ...(await this.exited), killed: true };
  }
}
