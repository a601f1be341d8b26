import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Component } from './component';
import type { InfraConfig } from './config';
import type { Standing } from './pairing';
import { commandLine, isOurProcess, portOpen, readPid } from './process';

export const pidFile = (config: InfraConfig, c: Component) =>
  path.join(config.dataDir, `${c.name}.pid`);
export const logFile = (config: InfraConfig, c: Component) =>
  path.join(config.logDir, `${c.name}.log`);

export type ComponentState =
  { state: 'running'; pid: number } | { state: 'foreign' } | { state: 'stopped' };

/** Whether a component runs, and whether it is ours (started by `up`) or another process. */
export async function stateOf(config: InfraConfig, c: Component): Promise<ComponentState> {
  const pid = readPid(pidFile(config, c));
  if (pid !== undefined && isOurProcess(pid, c.name)) return { state: 'running', pid };
  if (await portOpen(c.host(config), c.port(config))) return { state: 'foreign' };
  return { state: 'stopped' };
}

/** Whether the component has state on disk where this config keeps it. */
function hasData(config: InfraConfig, c: Component): boolean {
  return c.name === 'kafka'
    ? existsSync(path.join(config.kafka.dir, 'data', 'meta.properties'))
    : existsSync(config.mongo.file);
}

/** Whether a running process of ours keeps its state the way this config asks. */
function sameMode(config: InfraConfig, c: Component, pid: number): boolean {
  const args = commandLine(pid);
  if (c.name === 'kafka') return args.includes(path.join(config.kafka.dir, 'server.properties'));
  const file = args[args.indexOf('--h2-file') + 1];
  return config.mongo.persist ? file === config.mongo.file : !args.includes('--h2-file');
}

/** How a component stands for `planUp`; `managed` is false when an external URL replaces it. */
export async function standingOf(
  config: InfraConfig,
  c: Component,
  managed: boolean,
): Promise<Standing> {
  if (!managed) return { run: 'elsewhere' };
  const s = await stateOf(config, c);
  if (s.state === 'foreign') return { run: 'elsewhere' };
  if (s.state === 'stopped') return { run: 'stopped', hasData: hasData(config, c) };
  return {
    run: 'ours',
    pid: s.pid,
    sameMode: sameMode(config, c, s.pid),
    hasData: hasData(config, c),
  };
}
