import { existsSync, readdirSync, readFileSync, rmSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

/**
 * Host paths a node uses that cannot be moved under the cluster's state directory
 * (shared/notes/containers.md): containerd's shim sockets and runc state under /run, the
 * kubelet's /var/log/containers links, libcni's result cache under /var/lib/cni.
 */
export const fixedHostPaths = [
  // Nested ones first: a containerd elsewhere on the host may own /run/containerd itself.
  '/run/containerd/runc/k8s.io',
  '/run/containerd/s',
  '/run/containerd',
  '/run/runc',
  '/var/log/containers',
  '/var/log/pods',
  '/var/lib/cni',
  '/var/lib/kubelet',
] as const;

const cgroupRoot = '/sys/fs/cgroup';

/** The cgroup v1 hierarchies, e.g. /sys/fs/cgroup/memory (cpu,cpuacct links are skipped). */
export function cgroupHierarchies(): string[] {
  if (!existsSync(cgroupRoot)) return [];
  return readdirSync(cgroupRoot)
    .map((name) => path.join(cgroupRoot, name))
    .filter((dir) => {
      try {
        return statSync(dir).isDirectory() && existsSync(path.join(dir, 'cgroup.procs'));
      } catch {
        return false;
      }
    });
}

/** The kubelet's cgroups (`kubepods`, with its QoS children), in every hierarchy. */
export const kubeletCgroups = () => cgroupHierarchies().map((h) => path.join(h, 'kubepods'));

/** Which of the paths exist now: recorded before start, so teardown removes only new ones. */
export const existing = (paths: readonly string[]) => paths.filter((p) => existsSync(p));

/** Removes a cgroup tree bottom-up (a cgroup is removed with rmdir once it has no tasks). */
export function removeCgroupTree(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) removeCgroupTree(path.join(dir, entry.name));
  }
  try {
    rmdirSync(dir);
  } catch {
    // still has tasks: the caller reports what is left
  }
}

/** Mount points at or below `root`, deepest first (so nested mounts come off before parents). */
export function mountsUnder(root: string): string[] {
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1]?.replace(/\\040/g, ' '))
    .filter((m): m is string => m !== undefined && (m === root || m.startsWith(prefix)))
    .sort((a, b) => b.length - a.length);
}

/** Unmounts everything below `root` (lazily if busy); returns what could not be unmounted. */
export function unmountAll(root: string): string[] {
  const left: string[] = [];
  for (const mount of mountsUnder(root)) {
    try {
      execFileSync('umount', [mount], { stdio: 'ignore' });
    } catch {
      try {
        execFileSync('umount', ['-l', mount], { stdio: 'ignore' });
      } catch {
        left.push(mount);
      }
    }
  }
  return left;
}

/** Removes the given paths (files or trees); ignores the missing ones. */
export function removePaths(paths: readonly string[]): void {
  for (const p of paths) rmSync(p, { recursive: true, force: true });
}
