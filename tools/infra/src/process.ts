import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Every JVM started by tools/infra carries `-Dcqrs.infra=<name>` on its command line, so `down`
 * and `status` can tell our process from another one that reused the pid or holds the port.
 */
export const marker = (name: string) => `-Dcqrs.infra=${name}`;

/** A process's arguments (empty when it is gone or not readable). */
export function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

export function isOurProcess(pid: number, name: string): boolean {
  return commandLine(pid).includes(marker(name));
}

/**
 * Our JVMs (by marker) that have one of `files` on their command line: a Kafka with its
 * properties file, an engine with its H2 file. Finds them even when their pid file is gone.
 */
export function ourProcessesUsing(files: readonly string[]): { pid: number; name: string }[] {
  const prefix = marker('');
  const found: { pid: number; name: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const args = commandLine(pid);
    const name = args.find((a) => a.startsWith(prefix))?.slice(prefix.length);
    if (name !== undefined && args.some((a) => files.includes(a))) found.push({ pid, name });
  }
  return found;
}

export function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Starts a detached process whose stdout and stderr go to `logFile`; returns its pid. */
export function startDetached(
  command: string,
  args: string[],
  logFile: string,
  pidFile: string,
): number {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', fd, fd] });
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    child.unref();
    writeFileSync(pidFile, String(child.pid));
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; removes the pid file. */
export async function stopProcess(pid: number, pidFile: string, graceMs = 30_000): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  while (alive(pid)) await sleep(50);
  rmSync(pidFile, { force: true });
}

/** True when something accepts TCP connections on host:port. */
export function portOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Polls `ready` until it resolves true; fails early when the process died, pointing at its log.
 */
export async function waitUntil(
  what: string,
  pid: number,
  logFile: string,
  ready: () => Promise<boolean>,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) throw new Error(`${what} exited during start-up; see ${logFile}`);
    if (await ready()) return;
    await sleep(250);
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000}s; see ${logFile}`);
}
