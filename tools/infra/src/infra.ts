import { mkdirSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Component } from './component';
import type { InfraConfig } from './config';
import { checkJavaToolchain } from './java';
import { kafka } from './kafka';
import { mongo } from './mongo';
import { isOurProcess, portOpen, readPid, stopProcess, waitUntil } from './process';

export const components: readonly Component[] = [mongo, kafka];

type Log = (line: string) => void;

const pidFile = (config: InfraConfig, c: Component) => path.join(config.dataDir, `${c.name}.pid`);
const logFile = (config: InfraConfig, c: Component) => path.join(config.logDir, `${c.name}.log`);

export type ComponentState =
  { state: 'running'; pid: number } | { state: 'foreign' } | { state: 'stopped' };

/** Whether a component runs, and whether it is ours (started by `up`) or another process. */
export async function stateOf(config: InfraConfig, c: Component): Promise<ComponentState> {
  const pid = readPid(pidFile(config, c));
  if (pid !== undefined && isOurProcess(pid, c.name)) return { state: 'running', pid };
  if (await portOpen(c.host(config), c.port(config))) return { state: 'foreign' };
  return { state: 'stopped' };
}

/**
 * Serialises `up`/`down` across processes (two Jest runs, a test run and `npm start`), with a
 * directory lock that a crashed holder cannot keep forever.
 */
async function withLock<T>(config: InfraConfig, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(config.dataDir, 'lock');
  await mkdir(config.dataDir, { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Starts whatever is not running yet and waits until each component is ready. Running twice is
 * harmless. Returns the components this call started.
 */
export async function up(
  config: InfraConfig,
  log: Log,
  which: readonly Component[] = components,
): Promise<Component[]> {
  return withLock(config, async () => {
    await mkdir(config.logDir, { recursive: true });
    const started: Component[] = [];
    for (const c of which) {
      const s = await stateOf(config, c);
      if (s.state === 'running') {
        log(`${c.name}: already running (pid ${s.pid}) at ${c.address(config)}`);
        continue;
      }
      if (s.state === 'foreign') {
        log(`${c.name}: port ${c.port(config)} is served by a process not started here; using it`);
        continue;
      }
      await checkJavaToolchain();
      log(`${c.name}: starting ${c.title}...`);
      const pid = await c.start(config, log);
      await waitUntil(c.title, pid, logFile(config, c), () => c.ready(config));
      log(`${c.name}: ready (pid ${pid}) at ${c.address(config)}; log ${logFile(config, c)}`);
      started.push(c);
    }
    return started;
  });
}

/** Stops the given components (default: all) if, and only if, `up` started them. */
export async function down(
  config: InfraConfig,
  log: Log,
  which: readonly Component[] = components,
) {
  await withLock(config, async () => {
    for (const c of [...which].reverse()) {
      const s = await stateOf(config, c);
      if (s.state !== 'running') {
        log(`${c.name}: not started by infra:up; nothing to stop`);
        continue;
      }
      await stopProcess(s.pid, pidFile(config, c));
      log(`${c.name}: stopped (pid ${s.pid})`);
    }
  });
}

/** One line per component: what runs where, and where its log is. */
export async function status(config: InfraConfig): Promise<string[]> {
  const lines: string[] = [`data dir: ${config.dataDir}`];
  for (const c of components) {
    const s = await stateOf(config, c);
    const where = c.address(config);
    if (s.state === 'running')
      lines.push(`${c.name}: running (pid ${s.pid}) at ${where}; log ${logFile(config, c)}`);
    else if (s.state === 'foreign')
      lines.push(`${c.name}: ${where} is served by a process not started by infra:up`);
    else lines.push(`${c.name}: stopped (would listen at ${where})`);
  }
  return lines;
}
