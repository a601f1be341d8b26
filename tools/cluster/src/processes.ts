import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tailFile } from './logs';

/** One control-plane process: its name (also its log file name), pid and exit. */
export interface Managed {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Set once the process has exited. */
  exitCode(): number | null | undefined;
  readonly exited: Promise<void>;
  readonly child: ChildProcess;
}

/** A start-up failure that names the component and carries the end of its log. */
export class ComponentError extends Error {
  constructor(
    readonly component: string,
    problem: string,
    logFile: string,
  ) {
    super(`${component} ${problem}; last lines of ${logFile}:\n${tailFile(logFile, 40)}`);
    this.name = 'ComponentError';
  }
}

/**
 * Starts a process with stdout and stderr appended to `logFile`. It stays in the caller's
 * process group, so Ctrl-C in a terminal reaches it too even if the caller dies first.
 */
export function startProcess(
  name: string,
  command: string,
  args: readonly string[],
  logFile: string,
  env: NodeJS.ProcessEnv = process.env,
): Managed {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(command, args, { stdio: ['ignore', fd, fd], env });
    let code: number | null | undefined;
    const exited = new Promise<void>((resolve) => {
      child.once('exit', (c) => {
        code = c;
        resolve();
      });
      // Spawning failed (e.g. a missing binary): there will be no 'exit'.
      child.once('error', () => {
        code ??= null;
        resolve();
      });
    });
    if (child.pid === undefined) {
      throw new ComponentError(name, `could not be started (${command})`, logFile);
    }
    return { name, pid: child.pid, logFile, exitCode: () => code, exited, child };
  } finally {
    closeSync(fd);
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopManaged(p: Managed, graceMs = 10_000): Promise<void> {
  if (p.exitCode() !== undefined) return;
  try {
    process.kill(p.pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const timer = new AbortController();
  const killed = sleep(graceMs, 'timeout' as const, { signal: timer.signal }).catch(
    () => 'exited' as const,
  );
  const outcome = await Promise.race([p.exited.then(() => 'exited' as const), killed]);
  timer.abort();
  if (outcome === 'timeout') {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
    await p.exited;
  }
}

/** Polls `ready` until it resolves true; fails at once when the process exits. */
export async function waitReady(
  p: Managed,
  ready: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const code = p.exitCode();
    if (code !== undefined)
      throw new ComponentError(p.name, `exited during start-up (code ${code})`, p.logFile);
    if (await ready().catch(() => false)) return;
    await sleep(250);
  }
  throw new ComponentError(p.name, `did not become ready within ${timeoutMs / 1000}s`, p.logFile);
}

/** Records pids so a later start in the same directory can clean up after a crashed run. */
export function writePidFile(pidFile: string, processes: readonly Managed[]): void {
  writeFileSync(pidFile, processes.map((p) => `${p.pid} ${p.name}\n`).join(''));
}

/**
 * Kills processes listed in `pidFile` that are still running with `marker` (the data dir) on
 * their command line: left over from a run whose parent died without calling stop().
 */
export async function reapLeftovers(pidFile: string, marker: string): Promise<string[]> {
  if (!existsSync(pidFile)) return [];
  const reaped: string[] = [];
  for (const line of readFileSync(pidFile, 'utf8').split('\n')) {
    const [pidText, name] = line.split(' ');
    const pid = Number(pidText);
    if (!Number.isInteger(pid) || pid <= 0 || !commandLineOf(pid).includes(marker)) continue;
    try {
      process.kill(pid, 'SIGKILL');
      reaped.push(`${name ?? '?'} (pid ${pid})`);
    } catch {
      // gone meanwhile
    }
  }
  // Give the kernel a moment to release their ports and files.
  if (reaped.length > 0) await sleep(500);
  return reaped;
}

function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}
