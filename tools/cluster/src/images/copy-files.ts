import { chmodSync, chownSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { hashOf } from './input-hash';

/** One file to put into an image: host path, absolute path in the image, permission bits. */
export interface ImageFile {
  readonly from: string;
  readonly to: string;
  readonly mode?: number;
}

/**
 * A hash of files as the image holds them (path in the image, mode, content), not of where they
 * lie on the host: the same jars give the same hash in any checkout.
 */
export function hashImageFiles(files: readonly ImageFile[]): string {
  return hashOf(files.flatMap((f) => [f.to, String(f.mode ?? 0o644), readFileSync(f.from)]));
}

/** Copies files into a mounted image root, owned by root, creating their directories. */
export function copyIntoImage(root: string, files: readonly ImageFile[]): void {
  for (const file of files) {
    const target = path.join(root, file.to);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(file.from, target);
    chmodSync(target, file.mode ?? 0o644);
  }
}

/** Creates directories in a mounted image root owned by `uid:gid` (a volume's mount point). */
export function ownedDirectories(root: string, dirs: readonly string[], owner: string): void {
  const [uid, gid] = owner.split(':').map(Number);
  for (const dir of dirs) {
    mkdirSync(path.join(root, dir), { recursive: true });
    chownSync(path.join(root, dir), uid ?? 0, gid ?? uid ?? 0);
  }
}
