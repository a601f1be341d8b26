import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { tailFile } from '../logs';
import { reapLeftovers } from '../processes';
import { layoutOf } from '../components';
import { repoRoot, type RealClusterLayout } from './layout';
import { pidsWithMarker } from './node-processes';
import { cleanUpHost, type RealClusterState } from './real-cluster';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export function readState(layout: RealClusterLayout): RealClusterState | undefined {
  if (!existsSync(layout.stateFile)) return undefined;
  return JSON.parse(readFileSync(layout.stateFile, 'utf8')) as RealClusterState;
}

/** A running cluster: its supervisor is alive and reported the node Ready. */
export function runningCluster(layout: RealClusterLayout): RealClusterState | undefined {
  const state = readState(layout);
  return state?.ready && alive(state.supervisorPid) ? state : undefined;
}

/**
 * Starts the real one-node cluster in a detached supervisor and waits until it is ready; when
 * one is already running, returns it (running `up` twice is safe). A crashed earlier run is
 * cleaned up first.
 */
export async function upReal(
  layout: RealClusterLayout,
  log: (line: string) => void,
  timeoutMs = 900_000,
): Promise<{ state: RealClusterState; started: boolean }> {
  const running = runningCluster(layout);
  if (running) return { state: running, started: false };
  if (readState(layout)) await downReal(layout, log);
  mkdirSync(layout.logs, { recursive: true });
  const logFile = path.join(layout.logs, 'supervisor.log');
  const out = openSync(logFile, 'w');
  const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
  const child = spawn(
    tsx,
    [
      '--tsconfig',
      path.join(repoRoot, 'tsconfig.base.json'),
      path.join(__dirname, 'supervisor.ts'),
    ],
    {
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, CQRS_REAL_CLUSTER_DIR: layout.root },
      cwd: repoRoot,
    },
  );
  child.unref();
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + timeoutMs;
  let shown = 0;
  while (Date.now() < deadline) {
    // Relay the supervisor's progress (binary builds, images) while waiting.
    const lines = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n') : [];
    for (const line of lines.slice(shown, -1)) log(line.replace(/^\S+Z /, ''));
    shown = Math.max(shown, lines.length - 1);
    const state = runningCluster(layout);
    if (state) return { state, started: true };
    if (exited) throw new Error(`the cluster did not start:\n${tailFile(logFile, 40)}`);
    await sleep(500);
  }
  throw new Error(`the cluster was not ready after ${timeoutMs / 1000}s; see ${logFile}`);
}

/**
 * Stops the real cluster: SIGTERM to its supervisor, which stops every process and restores
 * the host. When the supervisor is gone (killed), does the same from the recorded state: kills
 * the recorded pids (only processes that still name the cluster's directory), then restores.
 */
export async function downReal(
  layout: RealClusterLayout,
  log: (line: string) => void,
): Promise<string[]> {
  const state = readState(layout);
  if (!state) {
    log('no local cluster is running');
    return [];
  }
  if (alive(state.supervisorPid)) {
    process.kill(state.supervisorPid, 'SIGTERM');
    const deadline = Date.now() + 120_000;
    while (alive(state.supervisorPid) && Date.now() < deadline) await sleep(250);
    if (!existsSync(layout.stateFile)) {
      rmSync(layout.endpointsFile, { force: true });
      const report = path.join(layout.logs, 'teardown.json');
      return existsSync(report) ? (JSON.parse(readFileSync(report, 'utf8')) as string[]) : [];
    }
    if (alive(state.supervisorPid)) process.kill(state.supervisorPid, 'SIGKILL');
  }
  log('the supervisor is gone: stopping the recorded processes and restoring the host');
  for (const pid of pidsWithMarker(layout.root)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  await reapLeftovers(layoutOf(layout.controlPlane).pidFile, layout.controlPlane);
  for (const pid of pidsWithMarker(layout.containerdSocket)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  const problems = await cleanUpHost(layout, state.host, state.preexisting);
  rmSync(layout.controlPlane, { recursive: true, force: true });
  for (const file of [layout.stateFile, layout.kubeconfig, layout.endpointsFile])
    rmSync(file, { force: true });
  return problems;
}
