import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runCommand } from './command';

/** /proc/self/mounts escapes space, tab, newline and backslash as octal (`\040`). */
const unescapeMount = (field: string) =>
  field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

/** Mount points strictly below `dir`, each before any mount point above it (longest first). */
export function mountsUnder(dir: string, mountsText: string): string[] {
  const prefix = `${path.resolve(dir)}/`;
  return mountsText
    .split('\n')
    .map((line) => unescapeMount(line.split(' ')[1] ?? ''))
    .filter((mountPoint) => mountPoint.startsWith(prefix))
    .sort((a, b) => b.length - a.length);
}

/**
 * Removes a directory tree that a chroot tool may have left mounts in (debootstrap mounts
 * `/proc`, `/sys` and sometimes binds the host's `/dev` into its target; a killed run leaves them).
 * Unmounts first, because a recursive delete would otherwise walk into the host's `/dev`.
 *
 * @throws Error (and deletes nothing) when a mount below `dir` cannot be unmounted.
 */
export async function removeTree(dir: string): Promise<void> {
  for (const mountPoint of mountsUnder(dir, readFileSync('/proc/self/mounts', 'utf8'))) {
    await runCommand('umount', ['--lazy', mountPoint]);
  }
  rmSync(dir, { recursive: true, force: true });
}
