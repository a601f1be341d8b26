import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runCommand } from './command';
import type { ImageStore } from './image-store';
import { hashOf } from './input-hash';
import { mountsUnder, removeTree } from './remove-tree';

/** The Debian release of every image: the one the official `node:*-bookworm-slim` uses. */
const debianSuite = 'bookworm';
const mirror = 'http://deb.debian.org/debian';

/**
 * What a slim image leaves out (as Debian's own `-slim` images do): package caches and lists,
 * documentation, logs, and what the container runtime provides (`/dev`, hostname, resolver).
 */
const slimPaths = [
  'var/cache/apt',
  'var/lib/apt/lists',
  'var/log',
  'usr/share/doc',
  'usr/share/man',
  'usr/share/info',
  'usr/share/locale',
  'dev',
];
const runtimeFiles = ['etc/hostname', 'etc/resolv.conf'];

function slim(rootfs: string): void {
  for (const dir of slimPaths) {
    const full = path.join(rootfs, dir);
    if (!existsSync(full)) continue;
    for (const entry of readdirSync(full)) rmSync(path.join(full, entry), { recursive: true });
  }
  mkdirSync(path.join(rootfs, 'var/cache/apt/archives/partial'), { recursive: true });
  for (const file of runtimeFiles) rmSync(path.join(rootfs, file), { force: true });
}

/**
 * A minimal Debian root filesystem (`debootstrap --variant=minbase`, plus `include`d packages),
 * slimmed, cached under the store by recipe: about a minute the first time, then reused. It is
 * made in a temporary sibling and renamed into place, so an interrupted run leaves no half
 * rootfs that looks finished.
 */
export async function debianRootfs(
  store: ImageStore,
  include: readonly string[],
  log: (line: string) => void,
): Promise<{ readonly dir: string; readonly key: string }> {
  const recipe = {
    suite: debianSuite,
    variant: 'minbase',
    mirror,
    include,
    slimPaths,
    runtimeFiles,
  };
  const key = `${debianSuite}-minbase-${hashOf([JSON.stringify(recipe)], 12)}`;
  const dir = path.join(store.rootfsDir, key);
  if (existsSync(path.join(dir, 'etc/debian_version'))) return { dir, key };

  const building = `${dir}.build-${process.pid}`;
  await removeTree(building);
  mkdirSync(store.rootfsDir, { recursive: true });
  const extra = include.length > 0 ? [`--include=${include.join(',')}`] : [];
  log(`debootstrap ${debianSuite} minbase ${include.join(' ')} (first run only, about a minute)`);
  try {
    await runCommand('debootstrap', ['--variant=minbase', ...extra, debianSuite, building, mirror]);
    // Slimming deletes /dev's contents: never while debootstrap's bind of the host's is there.
    if (mountsUnder(building, readFileSync('/proc/self/mounts', 'utf8')).length > 0)
      throw new Error(`debootstrap left mounts under ${building}`);
    slim(building);
  } catch (error) {
    await removeTree(building);
    throw error;
  }
  // Another process may have finished the same recipe first: keep its result.
  if (existsSync(dir)) await removeTree(building);
  else renameSync(building, dir);
  return { dir, key };
}
