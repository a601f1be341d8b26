import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readdirSync, readFileSync } from 'node:fs';

const run = promisify(execFile);

/** `ctr` against the node's containerd, in the CRI's `k8s.io` namespace. */
export async function ctr(socket: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('ctr', ['-a', socket, '-n', 'k8s.io', ...args], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** Image references present in the node's containerd. */
export async function nodeImages(socket: string): Promise<Set<string>> {
  return new Set((await ctr(socket, ['images', 'ls', '-q'])).split('\n').filter(Boolean));
}

/**
 * Kills every container of the node (tasks SIGKILLed, then deleted with their containers), so
 * no pod outlives the node: containerd's shims keep containers running after containerd and the
 * kubelet have stopped.
 */
export async function killAllContainers(socket: string): Promise<void> {
  const ids = (await ctr(socket, ['tasks', 'ls', '-q']).catch(() => ''))
    .split('\n')
    .filter(Boolean);
  await Promise.all(
    ids.map((id) => ctr(socket, ['tasks', 'kill', '-a', '-s', 'SIGKILL', id]).catch(() => '')),
  );
  for (const id of ids) await ctr(socket, ['tasks', 'delete', '-f', id]).catch(() => '');
  const containers = (await ctr(socket, ['containers', 'ls', '-q']).catch(() => ''))
    .split('\n')
    .filter(Boolean);
  for (const id of containers) await ctr(socket, ['containers', 'rm', id]).catch(() => '');
}

/**
 * Pids of processes whose command line contains `marker` (e.g. containerd shims started with
 * our socket's address): found by their command line, stopped by pid.
 */
export function pidsWithMarker(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmdline.includes(marker)) pids.push(pid);
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}
